# Paper Sec. 4.2: Adam, lr 2e-4, betas (0.5, 0.999), 25 epochs; one
# optimizer per network.
gan_adam = dict(
    type='OptimWrapper',
    optimizer=dict(type='Adam', lr=2e-4, betas=(0.5, 0.999)))
optim_wrapper = dict(
    constructor='MultiOptimWrapperConstructor',
    generator=gan_adam,
    discriminator=gan_adam)
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=25)
