# VOS-GAN on your own video files (data/videos, see README): the paper's
# networks, batch 16, 25 epochs.
_base_ = '../_base_/vosgan_video_training.py'
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=25)
custom_hooks = [
    dict(type='VideoSampleHook', interval=1000, num_samples=8),
    # videos skipped (with on_bad_clip='skip'): counted in the log every
    # 1000 iterations and after each epoch, listed in skipped_clips.json
    dict(type='BadClipReportHook'),
]
