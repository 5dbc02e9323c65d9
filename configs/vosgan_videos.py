# VOS-GAN on your own video files (data/videos, see README), 25 epochs.
_base_ = [
    '_base_/models/vosgan.py', '_base_/datasets/video_folder.py',
    '_base_/schedules/gan_adam.py', '_base_/default_runtime.py'
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=25)
# OF() scale: measure your clips with tools/analysis_tools/flow_statistics.py
# configs/vosgan_videos.py. OpenCV's vtest.avi (static camera, pedestrians;
# Debian's opencv-doc) cut into 24 clips of 32 frames: 99.9th percentile of
# |x|, |y| 1.67 px at 64x64 -> 2 px. The variance-normalised flow loss lets
# the flow terms reach D's encoder (docs/experiments/); set 'none' and 8 px for
# the paper's plain setting.
model = dict(
    flow_target=dict(max_displacement=2.0),
    flow_loss_normalization='variance')
custom_hooks = [
    dict(type='VideoSampleHook', interval=1000, num_samples=8),
    # videos skipped (with on_bad_clip='skip'): counted in the log every
    # 1000 iterations and after each epoch, listed in skipped_clips.json
    dict(type='BadClipReportHook'),
]
