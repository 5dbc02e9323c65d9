# Paper Sec. 4.2: segmentation fine-tuning with Adam 2e-4, betas
# (0.5, 0.999), batch 16, 100 epochs.
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='Adam', lr=2e-4, betas=(0.5, 0.999)))
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=100)
