# "Fine-tuned synthetic" on SegTrack v2 (the published 70/30 split): the
# synthetic segmenter (vosgan_seg_synthetic_golf.py) trained further on the
# training videos' masks.
_base_ = ['_base_/golf_gan.py', '../_base_/datasets/segtrack_v2.py']
model = dict(
    init_cfg=dict(
        type='StrictPretrained', checkpoint={{_base_._synthetic_checkpoint}}))
