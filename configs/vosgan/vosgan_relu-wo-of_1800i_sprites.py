# Ablation "w/o OF" at the budget of the README's ablation table (the
# model of vosgan_relu_1800i_sprites.py): no flow terms, so no flow targets
# are made.
_base_ = '../_base_/vosgan_sprite_training.py'
model = dict(
    generator=dict(act_cfg=dict(type='ReLU'), parity_heads=False),
    discriminator=dict(parity_head=False),
    reuse_fakes=False,
    loss_weights=dict(flow_fake=0.0, flow_real=0.0))
train_cfg = dict(max_iters=1800)
train_dataloader = dict(
    dataset=dict(pipeline={{_base_._train_pipeline_without_flow}}))
