# vosgan_25e_golf.py with OF() computed by the PyTorch Farneback on the
# model's device (for GPUs): real and fake clips' flow targets are both
# computed in the model, in one batch each, and none in the data workers.
# The targets equal OpenCV's to about 1e-4 px
# (tools/analysis_tools/benchmark_flow.py).
_base_ = ['../_base_/models/vosgan.py', '../_base_/golf_training.py']
model = dict(flow_target=dict(type='TorchFarnebackFlow'))
train_dataloader = dict(
    dataset=dict(pipeline={{_base_._train_pipeline_without_flow}}))
