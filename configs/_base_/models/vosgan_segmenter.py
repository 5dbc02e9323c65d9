# The discriminator's shared encoder + motion stream as a segmenter.
model = dict(
    type='VOSGANSegmenter',
    base_channels=64,
    data_preprocessor=dict(type='VideoGANDataPreprocessor'))
