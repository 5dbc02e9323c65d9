# Ablation "w/o OF" at the main command's budget (configs/vosgan_sprites.py:
# ReLU in G, 1,800 iterations): no flow terms, so no flow targets are made.
_base_ = 'vosgan_sprites.py'
model = dict(loss_weights=dict(flow_fake=0.0, flow_real=0.0))
train_dataloader = dict(
    dataset=dict(pipeline={{_base_._train_pipeline_without_flow}}))
