# "Fine-tuned adversarial" on your own videos and masks: the discriminator
# of a GAN trained with configs/vosgan/vosgan_25e_videos.py, trained
# further on data/frame_mask_folders/<seq>/{frames,masks} (70/30 split by
# video, or your split_file). Train: python tools/train.py THIS_CONFIG;
# segment with tools/segment_video.py and the resulting checkpoint (no
# --prefix).
_base_ = ['_base_/golf_gan.py', '../_base_/datasets/frame_mask_folders.py']
_gan_config = 'configs/vosgan/vosgan_25e_videos.py'
_gan_checkpoint = 'work_dirs/vosgan_25e_videos/epoch_25.pth'
model = dict(
    init_cfg=dict(
        type='StrictPretrained',
        checkpoint=_gan_checkpoint,
        prefix='discriminator.'))
