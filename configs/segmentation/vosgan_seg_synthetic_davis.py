# "Synthetic" on DAVIS-2016 (its official val set): the segmenter trained on
# generated videos only (vosgan_seg_synthetic_golf.py), tested here. Test with
# tools/test.py (no checkpoint).
_base_ = ['_base_/golf_gan.py', '../_base_/datasets/davis2016.py']
model = dict(
    init_cfg=dict(
        type='StrictPretrained', checkpoint={{_base_._synthetic_checkpoint}}))
train_dataloader = None
train_cfg = None
optim_wrapper = None
