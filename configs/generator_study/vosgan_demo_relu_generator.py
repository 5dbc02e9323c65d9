# VOS-GAN at the demo budget with one change to its generator: ReLU after
# its hidden layers, as in VGAN's generator, instead of the paper's
# LeakyReLU(0.2).
_base_ = '../vosgan_demo.py'
model = dict(generator=dict(act_cfg=dict(type='ReLU')))
