# Ablation "w/o OF" (paper Table 4): no optical-flow terms in Eq. 2.
_base_ = 'vosgan_golf.py'
model = dict(loss_weights=dict(flow_fake=0.0, flow_real=0.0))
# no flow target is needed from the data either
train_dataloader = dict(
    dataset=dict(pipeline=[
        dict(type='LoadGolfStrip', frame_size=128, num_frames=32,
             min_frames=16),
        dict(type='Resize', scale=(64, 64), keep_ratio=False),
        dict(type='PackVideoGANInputs'),
    ]))
