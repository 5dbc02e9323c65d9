# Ablation "w/o OF" at 900 iterations: no flow terms, so no flow targets
# are made.
_base_ = '../_base_/vosgan_sprite_training.py'
model = dict(loss_weights=dict(flow_fake=0.0, flow_real=0.0))
train_dataloader = dict(
    dataset=dict(pipeline={{_base_._train_pipeline_without_flow}}))
