# "Fine-tuned synthetic" on DAVIS-2016 (its official val set): the synthetic
# segmenter (vosgan_seg_synthetic_golf.py) trained further on the training
# videos' masks.
_base_ = ['_base_/golf_gan.py', '../_base_/datasets/davis2016.py']
model = dict(
    init_cfg=dict(
        type='StrictPretrained', checkpoint={{_base_._synthetic_checkpoint}}))
