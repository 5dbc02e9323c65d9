# VOS-GAN on the embedded sprite videos, the recipe whose discriminator
# segments real clips better than a threshold on optical flow, with no
# label (README, "Do masks emerge without labels?"): about 30 minutes on a
# 2-core CPU. Two changes from the paper as printed (configs/vosgan_demo.py,
# which keeps them off) and a longer schedule:
# - ReLU after the generator's hidden layers (VGAN's and DCGAN's choice;
#   the paper's Table 1 has LeakyReLU 0.2): with LeakyReLU the generator
#   collapses and flickers within 300 iterations in 2 seeds of 3, with
#   ReLU it stays diverse and moves an object in every sample (3 seeds);
# - checkpoints hold an exponential moving average of all weights (G and
#   D) over the last 300 iterations (MMEngine's EMAHook; the raw weights
#   stay in the checkpoint's 'ema_state_dict' for resuming): D's
#   probabilities on real objects swing around the 0.5 threshold from one
#   evaluation to the next; averaged, adversarial IoU on the benchmark is
#   33.33 / 32.51 / 30.66 in seeds 0 / 1 / 2 against the raw weights'
#   36.71 / 39.08 / 25.77 (flow baseline 28.38);
# - 1,800 iterations: at 900, the ReLU generator's mask is still one soft
#   map for every sample and D does not segment (IoU 0.00 / 0.65 / 4.82).
_base_ = ['vosgan_demo.py']
model = dict(generator=dict(act_cfg=dict(type='ReLU')))
train_cfg = dict(max_iters=1800)
custom_hooks = _base_.custom_hooks + [
    # momentum 0.01: a time constant of 100 iterations. The average starts
    # from the weights after iteration 1,500 (begin_iter counts from 1);
    # until then the checkpoints' averaged weights are the raw ones.
    dict(type='EMAHook', momentum=0.01, begin_iter=1501)
]
