default_scope = 'vosgan_mm'
# MMEngine's Runner with this package's config check and strict,
# weights-only checkpoint loading
runner_type = 'VOSGANRunner'
custom_imports = dict(imports=['vosgan_mm'], allow_failed_imports=False)

default_hooks = dict(
    # loss values read off the device when logged or saved, not every step
    runtime_info=dict(type='DeferredRuntimeInfoHook'),
    timer=dict(type='IterTimerHook'),
    logger=dict(type='LoggerHook', interval=20),
    param_scheduler=dict(type='ParamSchedulerHook'),
    # atomic writes; an old checkpoint is removed only after a new one is safe
    checkpoint=dict(type='AtomicCheckpointHook', interval=1, max_keep_ckpts=3),
    sampler_seed=dict(type='DistSamplerSeedHook'))
# a grid of samples from fixed noise (video | mask | background | foreground)
custom_hooks = [dict(type='VideoSampleHook', interval=1000, num_samples=8)]

env_cfg = dict(
    cudnn_benchmark=False,
    mp_cfg=dict(mp_start_method='fork', opencv_num_threads=0),
    dist_cfg=dict(backend='nccl'))

log_processor = dict(type='LogProcessor', window_size=20, by_epoch=True)
vis_backends = [dict(type='LocalVisBackend')]
visualizer = dict(type='Visualizer', vis_backends=vis_backends)
log_level = 'INFO'
load_from = None
resume = False
randomness = dict(seed=0, deterministic=False)
