# vosgan_900i_sprites.py with OF() computed by the PyTorch Farneback in the
# model (for GPUs), none in the data workers; on a CPU, OpenCV's in the
# workers is faster (docs/speed.md).
_base_ = '../_base_/vosgan_sprite_training.py'
model = dict(flow_target=dict(type='TorchFarnebackFlow'))
train_dataloader = dict(
    dataset=dict(pipeline={{_base_._train_pipeline_without_flow}}))
