# The ReLU generator study run with an exponential moving average of all
# weights (G and D), MMEngine's EMAHook: checkpoints hold the averaged
# weights (the raw ones under 'ema_state_dict', for resuming), so the
# adversarial and synthetic scenarios read the averages. Momentum 0.01:
# the average forgets a weight's value with a time constant of 100
# iterations.
_base_ = './vosgan_demo_relu_generator.py'
custom_hooks = _base_.custom_hooks + [
    dict(type='EMAHook', momentum=0.01, priority='ABOVE_NORMAL')
]
