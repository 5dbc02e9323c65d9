# "Adversarial" on your own videos: the discriminator of a GAN trained with
# configs/vosgan/vosgan_25e_videos.py (full width), as is. Segment any video
# with it:
#   python tools/segment_video.py VIDEO_OR_FRAME_FOLDER \
#       configs/segmentation/vosgan_seg_adversarial_videos.py \
#       work_dirs/vosgan_25e_videos/epoch_25.pth --prefix discriminator.
# or, where you have masks (data/frame_mask_folders/<seq>/{frames,masks}),
# score it: python tools/test.py THIS_CONFIG.
_base_ = ['_base_/golf_gan.py', '../_base_/datasets/frame_mask_folders.py']
_gan_config = 'configs/vosgan/vosgan_25e_videos.py'
_gan_checkpoint = 'work_dirs/vosgan_25e_videos/epoch_25.pth'
model = dict(
    init_cfg=dict(
        type='StrictPretrained',
        checkpoint=_gan_checkpoint,
        prefix='discriminator.'))
train_dataloader = None
train_cfg = None
optim_wrapper = None
