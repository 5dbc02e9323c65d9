# Training on VGAN's golf course videos with the paper's settings: batch
# 16, Adam 2e-4, 25 epochs of the ~600k clips = 937,500 iterations (counted
# in iterations so that a run resumes exactly where it stopped).
_base_ = [
    'datasets/golf.py', 'schedules/gan_adam.py', 'default_runtime.py'
]
train_cfg = dict(type='IterBasedTrainLoop', max_iters=25 * 600_000 // 16)
default_hooks = dict(
    logger=dict(interval=50),
    checkpoint=dict(by_epoch=False, interval=5000))
log_processor = dict(by_epoch=False)
custom_hooks = [dict(type='VideoSampleHook', interval=5000, num_samples=8)]
