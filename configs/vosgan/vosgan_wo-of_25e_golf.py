# Ablation "w/o OF" (paper Table 4): no optical-flow terms in Eq. 2, and no
# flow computed for the data.
_base_ = ['../_base_/models/vosgan.py', '../_base_/golf_training.py']
model = dict(loss_weights=dict(flow_fake=0.0, flow_real=0.0))
train_dataloader = dict(
    dataset=dict(pipeline={{_base_._train_pipeline_without_flow}}))
