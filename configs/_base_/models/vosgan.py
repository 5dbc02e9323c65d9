# VOS-GAN as in the paper (Tables 1 and 2, Eq. 1-3).
model = dict(
    type='VOSGAN',
    generator=dict(
        type='VOSGANGenerator',
        latent_dim=100,
        motion_hidden_dim=100,
        base_channels=64,
        # the paper's table shows no norm in G; VGAN's generator, which
        # VOS-GAN's extends, has batch norm: kept on (not ablated here)
        norm_cfg=dict(type='BN3d'),
        background_norm_cfg=dict(type='BN2d')),
    discriminator=dict(type='VOSGANDiscriminator', base_channels=64),
    latent_sampler=dict(
        type='SlerpTrajectorySampler', latent_dim=100, num_frames=32),
    # OF(): Farneback's flow of the generated videos, with the parameters
    # ComputeFlowTarget uses for real clips in the data pipeline (one
    # definition: FARNEBACK_PARAMETERS in vosgan_mm.models.flow).
    # max_displacement maps +-8 px to the sigmoid's [0, 1]; the paper
    # states no scale. Measure a
    # data set's flow with tools/analysis_tools/flow_statistics.py and set
    # it per data set (configs/_base_/vosgan_sprite_training.py: 2 px for
    # the sprites).
    flow_target=dict(type='FarnebackFlow', max_displacement=8.0),
    # the paper's plain MSE; 'variance' divides it by the target's variance
    flow_loss_normalization='none',
    loss_weights=dict(adv=1.0, seg=1.0, flow_fake=1.0, flow_real=1.0),
    # priors on G's mask and D's segmentation target: none in the paper
    mask_prior_weights=dict(sparsity=0.0, binarization=0.0),
    seg_target_threshold=None,
    discriminator_steps=1,
    generator_steps=1,
    data_preprocessor=dict(type='VideoGANDataPreprocessor'))
# distributed training (--launcher pytorch): G and D wrapped separately, the
# model's own train_step alternating them
model_wrapper_cfg = dict(
    type='MMSeparateDistributedDataParallel',
    broadcast_buffers=False,
    find_unused_parameters=False)
