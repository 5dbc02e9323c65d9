# "Synthetic" (Table 6): the segmenter trained from scratch only on videos
# and masks sampled from the frozen golf generator; tested on DAVIS-2016
# here (the same checkpoint is tested on the other data sets by
# vosgan_seg_synthetic_{segtrack,f4k}.py). 20,000 iterations of batch 16,
# each sample drawn once: the paper does not state the length.
_base_ = ['_base_/golf_gan.py', '../_base_/datasets/davis2016.py']
train_dataloader = dict(
    num_workers=0,
    persistent_workers=False,
    dataset=dict(
        _delete_=True,
        type='GeneratedVideoDataset',
        gan_config={{_base_._gan_config}},
        gan_checkpoint={{_base_._gan_checkpoint}},
        num_samples=320_000,
        pipeline=[dict(type='PackSegmentationInputs')]))
train_cfg = dict(_delete_=True, type='IterBasedTrainLoop', max_iters=20_000)
default_hooks = dict(checkpoint=dict(by_epoch=False, interval=5000))
log_processor = dict(by_epoch=False)
