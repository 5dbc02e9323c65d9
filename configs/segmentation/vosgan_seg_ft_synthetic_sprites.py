# "Fine-tuned synthetic": the synthetic segmenter trained further on the
# ground-truth masks of the benchmark's training videos.
_base_ = '_base_/sprites_demo.py'
model = dict(
    init_cfg=dict(
        type='StrictPretrained',
        checkpoint='work_dirs/vosgan_seg_synthetic_sprites/iter_300.pth'))
