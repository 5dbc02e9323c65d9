"""Generation metrics of the paper's Table 4: IS, FCD and MC.

Each metric reads the data samples that a GAN model's ``predict`` returns
for a batch of real clips: ``fake_video`` (3, T, H, W) uint8, ``fg_map``
(T, H, W) in [0, 1] or None, ``real_video`` (3, T, H, W) uint8 and
``sample_idx``. The real-videos row of the table is a model whose "fake"
videos are real clips, measured by the same code.
"""
from typing import Dict, List, Optional, Union

import numpy as np
import torch
import torch.nn as nn
from mmengine.evaluator import BaseMetric

from vosgan_mm.registry import METRICS, MODELS
from vosgan_mm.utils.video_values import video_from_uint8


def _build_classifier(classifier: Union[dict, nn.Module]) -> nn.Module:
    net = MODELS.build(classifier) if isinstance(classifier, dict) else \
        classifier
    return net.eval()


def _to_unit_range(video: torch.Tensor) -> torch.Tensor:
    """uint8 (3, T, H, W) -> float (T, 3, H, W) in [-1, 1]."""
    return video_from_uint8(video).permute(1, 0, 2, 3)


def inception_score(probs: np.ndarray, eps: float = 1e-12) -> float:
    """``exp(E_x KL(p(y|x) || p(y)))`` of (N, C) class probabilities."""
    marginal = probs.mean(axis=0, keepdims=True)
    kl = (probs * (np.log(probs + eps) - np.log(marginal + eps))).sum(1)
    return float(np.exp(kl.mean()))


def too_few_videos_for_splits(num_videos: int,
                              num_splits: int) -> Optional[str]:
    """What is wrong with an IS over ``num_splits`` splits of
    ``num_videos`` videos (each split needs one), or None."""
    if num_videos < num_splits:
        return (f'IS over {num_splits} splits needs at least {num_splits} '
                f'videos, got {num_videos}')
    return None


def split_inception_scores(probs: np.ndarray, num_splits: int) -> List[float]:
    """The IS of each of ``num_splits`` consecutive, near-equal parts of
    (N, C) probabilities (the usual report: their mean and spread)."""
    problem = too_few_videos_for_splits(len(probs), num_splits)
    if problem:
        raise ValueError(problem)
    return [
        inception_score(part) for part in np.array_split(probs, num_splits)
    ]


@METRICS.register_module()
class InceptionScore(BaseMetric):
    """Inception score of one random frame per generated video: over all
    videos (``IS``), and as the mean and standard deviation over
    ``num_splits`` splits (``IS_mean``, ``IS_std``), the usual report.

    Args:
        classifier (dict | nn.Module): Image classifier returning
            ``logits``; the paper's is ``InceptionV3`` with ImageNet weights.
        seed (int): Seed of the frame choice. Defaults to 0.
        num_splits (int): Splits of the mean and spread. Defaults to 10.
    """

    default_prefix = 'gen'

    def __init__(self,
                 classifier: Union[dict, nn.Module] = dict(type='InceptionV3'),
                 seed: int = 0,
                 num_splits: int = 10,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None):
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.classifier = _build_classifier(classifier)
        self.seed = seed
        self.num_splits = num_splits

    def too_few_videos(self, num_videos: int) -> Optional[str]:
        """Whether a test set of ``num_videos`` videos is too small for the
        splits, said before the test runs (``tools/test.py``)."""
        return too_few_videos_for_splits(num_videos, self.num_splits)

    @torch.no_grad()
    def process(self, data_batch, data_samples) -> None:
        frames = []
        for sample in data_samples:
            video = sample['fake_video']
            rng = np.random.default_rng([self.seed, int(sample['sample_idx'])])
            frames.append(_to_unit_range(video)[rng.integers(video.shape[1])])
        logits = self.classifier(torch.stack(frames))['logits']
        for p in torch.softmax(logits.float(), dim=1).cpu().numpy():
            self.results.append(p)

    def compute_metrics(self, results: list) -> Dict[str, float]:
        probs = np.stack(results)
        splits = split_inception_scores(probs, self.num_splits)
        return dict(
            IS=inception_score(probs),
            IS_mean=float(np.mean(splits)),
            IS_std=float(np.std(splits)))


def foreground_box(fg_map: Optional[np.ndarray], threshold: float):
    """(top, bottom, left, right) of the foreground of an (H, W) map; the
    whole frame where there is none."""
    if fg_map is not None:
        ys, xs = np.nonzero(fg_map > threshold)
        if len(ys):
            return ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    h, w = fg_map.shape if fg_map is not None else (None, None)
    return 0, h, 0, w


# FCD's features: the output of Inception's fully-connected layer (the
# paper: "a fully-connected layer"), or the pooled features that feed it
FCD_FEATURES = dict(fc='logits', pool='features')


@METRICS.register_module()
class ForegroundContentDistance(BaseMetric):
    """FCD: the mean L2 distance between classifier features of the
    foreground bounding-box crops of consecutive frames.

    The box of a frame is where ``segmenter``'s foreground map exceeds
    ``threshold`` (the whole frame where nothing does). The paper's box is
    "the discriminator's segmentation output": one segmenter for every row
    of the table (every model, the ablations and the real videos), so the
    rows differ only by their videos. ``segmenter=None`` takes each
    sample's own ``fg_map`` instead (VOS-GAN: its D's segmentation; VGAN:
    its generator's mask; TGAN and real videos: none, the whole frame), a
    variant whose rows are not comparable.

    Args:
        classifier (dict | nn.Module): Image classifier returning
            ``logits`` and ``features``.
        segmenter (dict, optional): Config of the segmenter of every row: a
            trained VOS-GAN discriminator (``VOSGANSegmenter`` with a
            ``Pretrained`` ``init_cfg``) or, where none exists, the flow
            baseline. Defaults to ``dict(type='FlowMagnitudeSegmenter')``.
        features (str): ``'fc'`` (the classifier's fully-connected output,
            the paper's reading) or ``'pool'`` (the pooled features before
            it). Defaults to ``'fc'``.
        threshold (float): Foreground threshold. Defaults to 0.5.
    """

    default_prefix = 'gen'

    def __init__(
            self,
            classifier: Union[dict, nn.Module] = dict(type='InceptionV3'),
            segmenter: Optional[dict] = dict(type='FlowMagnitudeSegmenter'),
            features: str = 'fc',
            threshold: float = 0.5,
            collect_device: str = 'cpu',
            prefix: Optional[str] = None):
        super().__init__(collect_device=collect_device, prefix=prefix)
        if features not in FCD_FEATURES:
            raise ValueError(f'features must be one of {sorted(FCD_FEATURES)}'
                             f', got {features!r}')
        self.classifier = _build_classifier(classifier)
        self.features = FCD_FEATURES[features]
        self.segmenter = None
        if segmenter is not None:
            self.segmenter = MODELS.build(segmenter)
            self.segmenter.init_weights()
            self.segmenter.eval()
        self.threshold = threshold

    @torch.no_grad()
    def video_distance(self, video: torch.Tensor,
                       fg_map: Optional[np.ndarray]) -> float:
        """Mean feature distance of consecutive crops of one video."""
        frames = _to_unit_range(video)  # (T, 3, H, W)
        crops = []
        for t, frame in enumerate(frames):
            top, bottom, left, right = foreground_box(
                None if fg_map is None else fg_map[t], self.threshold)
            crops.append(frame[None, :, top:bottom, left:right])
        # crops differ in size: the classifier resizes each
        feats = torch.cat(
            [self.classifier(c)[self.features].float() for c in crops])
        return float((feats[1:] - feats[:-1]).norm(dim=1).mean())

    @torch.no_grad()
    def foreground_maps(self, videos: List[torch.Tensor]) -> np.ndarray:
        """The segmenter's (N, T, H, W) maps of (3, T, H, W) uint8 videos."""
        batch = torch.stack([v.cpu() for v in videos])
        data = self.segmenter.data_preprocessor(
            dict(inputs=dict(video=batch)), False)
        return self.segmenter(
            data['inputs'], mode='tensor')[:, 0].cpu().float().numpy()

    def process(self, data_batch, data_samples) -> None:
        videos = [sample['fake_video'] for sample in data_samples]
        if self.segmenter is not None:
            maps = list(self.foreground_maps(videos))
        else:
            maps = [
                None if s.get('fg_map') is None else np.asarray(s['fg_map'])
                for s in data_samples
            ]
        for video, fg_map in zip(videos, maps):
            self.results.append(self.video_distance(video, fg_map))

    def compute_metrics(self, results: list) -> Dict[str, float]:
        return dict(FCD=float(np.mean(results)))


def flow_histogram(flows: np.ndarray,
                   magnitude_bins: int = 20,
                   max_magnitude: float = 8.0,
                   orientation_bins: int = 18) -> np.ndarray:
    """Joint histogram (counts) of flow magnitude and orientation.

    Args:
        flows: (..., 2) flow vectors in pixels.

    Returns:
        np.ndarray: (magnitude_bins, orientation_bins) counts; magnitudes
        over ``max_magnitude`` fall in the last bin; orientations span
        [-pi, pi).
    """
    flows = flows.reshape(-1, 2)
    magnitude = np.linalg.norm(flows, axis=1)
    orientation = np.arctan2(flows[:, 1], flows[:, 0])
    hist, _, _ = np.histogram2d(
        np.minimum(magnitude, max_magnitude * (1 - 1e-9)),
        orientation,
        bins=(magnitude_bins, orientation_bins),
        range=((0, max_magnitude), (-np.pi, np.pi)))
    return hist


def kl_divergence(p_counts: np.ndarray,
                  q_counts: np.ndarray,
                  eps: float = 1e-10) -> float:
    """KL(P || Q) of two histograms (normalised here; ``eps`` smooths empty
    bins)."""
    p = p_counts / p_counts.sum() + eps
    q = q_counts / q_counts.sum() + eps
    p, q = p / p.sum(), q / q.sum()
    return float((p * np.log(p / q)).sum())


@METRICS.register_module()
class MotionCoherence(BaseMetric):
    """MC: a divergence between the joint magnitude/orientation histograms
    of the Farneback flow of real and of generated videos, against real
    clips of the same data set; by default ``KL(real || generated)``.

    The paper names the KL divergence but neither its direction nor what
    is done with empty bins; both are options here. Each histogram is
    normalised, ``smoothing`` is added to every bin and it is normalised
    again. Where the generated videos leave a bin empty that the real ones
    fill, ``KL(real || generated)`` grows by about the real share of that
    bin times ``log(share / smoothing)``: its value depends on the
    smoothing (``tools/analysis_tools/motion_coherence_sensitivity.py``
    measures how much). The Jensen-Shannon divergence is symmetric and at
    most ``log 2`` whatever the smoothing.

    Args:
        flow (dict): Config of the flow estimator.
        magnitude_bins (int): Defaults to 20 (over [0, max_magnitude]).
        max_magnitude (float): Pixels per frame; larger motion falls in the
            last bin. Defaults to 8.
        orientation_bins (int): Defaults to 18 (20 degrees each).
        divergence (str): ``'kl_real_generated'`` (``KL(real ||
            generated)``), ``'kl_generated_real'`` (``KL(generated ||
            real)``) or ``'js'`` (Jensen-Shannon, in nats). Defaults to
            ``'kl_real_generated'``.
        smoothing (float): Probability added to every bin of both
            histograms, positive. Defaults to 1e-10.
    """

    default_prefix = 'gen'

    divergences = ('kl_real_generated', 'kl_generated_real', 'js')

    def __init__(self,
                 flow: dict = dict(type='FarnebackFlow'),
                 magnitude_bins: int = 20,
                 max_magnitude: float = 8.0,
                 orientation_bins: int = 18,
                 divergence: str = 'kl_real_generated',
                 smoothing: float = 1e-10,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None):
        super().__init__(collect_device=collect_device, prefix=prefix)
        if divergence not in self.divergences:
            raise ValueError(f'divergence must be one of '
                             f'{", ".join(self.divergences)}; got '
                             f'{divergence!r}')
        if not smoothing > 0:
            raise ValueError(
                f'smoothing must be positive (an empty bin would give an '
                f'infinite or undefined divergence), got {smoothing}')
        self.flow = MODELS.build(flow)
        self.bins = dict(
            magnitude_bins=magnitude_bins,
            max_magnitude=max_magnitude,
            orientation_bins=orientation_bins)
        self.divergence = divergence
        self.smoothing = smoothing

    def video_histogram(self, video: torch.Tensor) -> np.ndarray:
        """Flow histogram (counts) of a (3, T, H, W) uint8 video."""
        frames = video.permute(1, 2, 3, 0).cpu().numpy()  # (T, H, W, 3)
        return flow_histogram(self.flow.clip_flow(frames), **self.bins)

    def process(self, data_batch, data_samples) -> None:
        for sample in data_samples:
            self.results.append(
                dict(
                    real=self.video_histogram(sample['real_video']),
                    fake=self.video_histogram(sample['fake_video'])))

    def compare(self, real: np.ndarray, fake: np.ndarray) -> float:
        """The chosen divergence of two histograms (counts)."""
        if self.divergence == 'kl_real_generated':
            return kl_divergence(real, fake, self.smoothing)
        if self.divergence == 'kl_generated_real':
            return kl_divergence(fake, real, self.smoothing)
        # JS: the mean KL of each to their mixture M. Handing the mixture
        # over unsmoothed makes kl_divergence smooth it into exactly the
        # mean of the two smoothed histograms
        mixture = real / real.sum() + fake / fake.sum()
        return (kl_divergence(real, mixture, self.smoothing) +
                kl_divergence(fake, mixture, self.smoothing)) / 2

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:
        if not results:
            raise ValueError('MC needs real clips of the data set: the test '
                             'data set is empty')
        real = sum(r['real'] for r in results)
        fake = sum(r['fake'] for r in results)
        return dict(MC=self.compare(real, fake))
