# "Synthetic": the segmenter trained from scratch only on videos and masks
# sampled on the fly from the frozen generator of the sprite GAN.
_base_ = '_base_/sprites_demo.py'
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
