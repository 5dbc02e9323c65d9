# Paper Sec. 4.2: Adam, lr 2e-4, betas (0.5, 0.999); one optimizer per
# network. The training length is set by each top-level config.
optim_wrapper = dict(
    constructor='MultiOptimWrapperConstructor',
    generator=dict(
        type='OptimWrapper',
        optimizer=dict(type='Adam', lr=2e-4, betas=(0.5, 0.999))),
    discriminator=dict(
        type='OptimWrapper',
        optimizer=dict(type='Adam', lr=2e-4, betas=(0.5, 0.999))))
# --auto-scale-lr scales the learning rates by the actual total batch
# size over this one (the paper's batch)
auto_scale_lr = dict(enable=False, base_batch_size=16)
