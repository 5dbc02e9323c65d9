# Ablation "w/o OF" at the demo budget.
_base_ = 'vosgan_demo.py'
model = dict(loss_weights=dict(flow_fake=0.0, flow_real=0.0))
train_dataloader = dict(
    dataset=dict(pipeline={{_base_._train_pipeline_without_flow}}))
