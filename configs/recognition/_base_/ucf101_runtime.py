# What every UCF101 recognition config shares: data, the paper's schedule,
# the runtime; the best validation checkpoint is kept.
_base_ = [
    '../../_base_/datasets/ucf101_recognition.py',
    '../../_base_/schedules/recognition_sgd_130e.py',
    '../../_base_/default_runtime.py'
]
custom_hooks = []
default_hooks = dict(
    checkpoint=dict(interval=1, max_keep_ckpts=2, save_best='acc/top1'))
