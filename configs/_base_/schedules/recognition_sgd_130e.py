# Paper Sec. 4.2: SGD, momentum 0.9, dampening 0.9, weight decay 1e-3,
# lr 0.1 divided by 10 when validation accuracy has not improved for 10
# epochs, batch 128, 130 epochs.
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(
        type='SGD', lr=0.1, momentum=0.9, dampening=0.9, weight_decay=1e-3))
param_scheduler = [
    dict(
        type='ReduceOnPlateauLR',
        monitor='acc/top1',
        rule='greater',
        factor=0.1,
        patience=10,
        by_epoch=True)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=130, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
# --auto-scale-lr scales the learning rates by the actual total batch
# size over this one (the paper's batch)
auto_scale_lr = dict(enable=False, base_batch_size=128)
