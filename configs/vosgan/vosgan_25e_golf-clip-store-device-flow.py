# vosgan_25e_golf-device-flow.py reading clips decoded once into a clip
# store instead of decoding JPEG strips every epoch (for GPUs). Write the
# store first (the clips vosgan_25e_golf.py loads, at 32x64x64):
#   python tools/data/convert_to_clip_store.py \
#       configs/vosgan/vosgan_25e_golf.py data/golf/clips_64 --workers 8
_base_ = ['../_base_/models/vosgan.py', '../_base_/golf_training.py']
model = dict(flow_target=dict(type='TorchFarnebackFlow'))
train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='ClipStoreDataset',
        data_root='data/golf',
        store_root='clips_64',
        pipeline=[dict(type='PackVideoGANInputs')]))
