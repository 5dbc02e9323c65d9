# The demo with OF() computed by the PyTorch Farneback in the model (see
# vosgan_golf_torch_flow.py); on a CPU, OpenCV's is faster (README, Speed).
_base_ = ['./vosgan_demo.py']
model = dict(flow_target=dict(type='TorchFarnebackFlow'))
train_dataloader = dict(
    dataset=dict(pipeline={{_base_._train_pipeline_without_flow}}))
