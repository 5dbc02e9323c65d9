# Ablation "w/o OF" at the budget of the README's ablation table
# (configs/vosgan_sprites_1800.py: ReLU in G, 1,800 iterations): no flow
# terms, so no flow targets are made.
_base_ = 'vosgan_sprites_1800.py'
model = dict(loss_weights=dict(flow_fake=0.0, flow_real=0.0))
train_dataloader = dict(
    dataset=dict(pipeline={{_base_._train_pipeline_without_flow}}))
