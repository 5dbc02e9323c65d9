# The main command's recipe as it was until its step got faster: ReLU in G,
# fresh noise for each update and PyTorch's own transposed convolution in
# the full-resolution heads (both the defaults, written out because this
# recipe's published figures were measured with them), 1,800 iterations.
# Its ablations, longer schedule and weight-average study set the same
# model, so that their figures (configs/vosgan/README.md) come out again.
_base_ = '../_base_/vosgan_sprite_training.py'
model = dict(
    generator=dict(act_cfg=dict(type='ReLU'), parity_heads=False),
    discriminator=dict(parity_head=False),
    reuse_fakes=False)
train_cfg = dict(max_iters=1800)
