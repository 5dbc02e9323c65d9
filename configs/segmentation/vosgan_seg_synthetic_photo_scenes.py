# "Synthetic" on the photo-scene benchmark: the segmenter trained from
# scratch only on videos and masks sampled on the fly from the frozen
# generator of the photo-scene GAN. Train, then test:
#   python tools/train.py configs/segmentation/vosgan_seg_synthetic_photo_scenes.py
#   python tools/test.py configs/segmentation/vosgan_seg_synthetic_photo_scenes.py \
#       work_dirs/vosgan_seg_synthetic_photo_scenes/iter_300.pth
_base_ = '_base_/photo_scenes_gan.py'
train_dataloader = dict(
    num_workers=0,
    persistent_workers=False,
    dataset=dict(
        _delete_=True,
        type='GeneratedVideoDataset',
        gan_config={{_base_._gan_config}},
        gan_checkpoint={{_base_._gan_checkpoint}},
        num_samples=4800,
        pipeline=[dict(type='PackSegmentationInputs')]))
