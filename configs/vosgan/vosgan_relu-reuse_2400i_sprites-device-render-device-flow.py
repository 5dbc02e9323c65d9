# The main command (vosgan_relu-reuse_2400i_sprites.py) with its data made
# on the model's device, for GPUs: the data workers only draw each clip's
# scene (a background and a few numbers per sprite), the data preprocessor
# draws the frames of the whole batch (the same frames, byte for byte on a
# CPU), and the flow targets of real and fake clips come from the PyTorch
# Farneback in the model (equal to OpenCV's to about 1e-4 px). On a CPU it
# is slower: drawing whole frames for every sprite costs more there than
# OpenCV's flow in the workers.
_base_ = '../_base_/vosgan_sprite_training.py'
model = dict(
    generator=dict(act_cfg=dict(type='ReLU'), parity_heads=True),
    discriminator=dict(parity_head=True),
    reuse_fakes=True,
    flow_target=dict(type='TorchFarnebackFlow'))
train_cfg = dict(max_iters=2400)
train_dataloader = dict(
    dataset=dict(render_frames=False, pipeline=[dict(type='PackSpriteScene')]))
