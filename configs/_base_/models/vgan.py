# VGAN (Vondrick et al. 2016): one latent, two-stream generator, 3D-conv
# discriminator, mask sparsity prior 0.1.
model = dict(
    type='VGAN',
    generator=dict(type='VGANGenerator', latent_dim=100, base_channels=64),
    discriminator=dict(type='Conv3dVideoDiscriminator', base_channels=64),
    latent_sampler=dict(type='GaussianLatentSampler', latent_dim=100),
    mask_l1_weight=0.1,
    data_preprocessor=dict(type='VideoGANDataPreprocessor'))
model_wrapper_cfg = dict(
    type='MMSeparateDistributedDataParallel',
    broadcast_buffers=False,
    find_unused_parameters=False)
