# "Fine-tuned synthetic" on the photo-scene benchmark: the synthetic
# segmenter (vosgan_seg_synthetic_photo_scenes.py) trained further on the
# masks of the benchmark's train split. Uses labels.
_base_ = '_base_/photo_scenes_gan.py'
model = dict(
    init_cfg=dict(
        type='StrictPretrained',
        checkpoint='work_dirs/vosgan_seg_synthetic_photo_scenes/iter_300.pth'))
