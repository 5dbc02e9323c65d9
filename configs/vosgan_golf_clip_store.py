# VOS-GAN on golf for GPUs, reading clips decoded once into a clip store
# instead of decoding JPEG strips every epoch, with OF() computed in the
# model by the PyTorch Farneback (vosgan_golf_torch_flow.py). Write the
# store first (the clips vosgan_golf.py loads, at 32x64x64):
#   python tools/data/convert_to_clip_store.py configs/vosgan_golf.py \
#       data/golf/clips_64 --workers 8
_base_ = ['./vosgan_golf_torch_flow.py']
train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='ClipStoreDataset',
        data_root='data/golf',
        store_root='clips_64',
        pipeline=[dict(type='PackVideoGANInputs')]))
