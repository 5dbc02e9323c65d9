# TGAN (Saito et al. 2017): temporal + image generator, 3D-conv critic,
# WGAN loss with singular value clipping (every 5 critic updates).
model = dict(
    type='TGAN',
    generator=dict(type='TGANGenerator', latent_dim=100, base_channels=64),
    discriminator=dict(type='Conv3dVideoDiscriminator', base_channels=64),
    latent_sampler=dict(type='GaussianLatentSampler', latent_dim=100),
    clip_bound=1.0,
    clip_interval=5,
    data_preprocessor=dict(type='VideoGANDataPreprocessor'))
model_wrapper_cfg = dict(
    type='MMSeparateDistributedDataParallel',
    broadcast_buffers=False,
    find_unused_parameters=False)
