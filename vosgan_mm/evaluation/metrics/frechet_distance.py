"""FID (Heusel et al. 2017): the Fréchet distance between Gaussians fitted
to classifier features of real and of generated frames, beside Table 4's
IS, FCD and MC.

The distance of N(mu1, S1) and N(mu2, S2) is

    |mu1 - mu2|^2 + tr(S1) + tr(S2) - 2 tr((S1 S2)^(1/2)).

S1 S2 is not symmetric, but it is similar to S1^(1/2) S2 S1^(1/2), which
is symmetric and positive semi-definite: the trace of the square root is
the sum of the square roots of that matrix's eigenvalues. Two symmetric
eigendecompositions in float64 give it, with no complex parts to discard
(the general matrix square root of S1 S2 has them from rounding).
"""
from typing import Dict, List, Optional, Tuple, Union

import numpy as np
import torch
import torch.nn as nn
from mmengine.evaluator import BaseMetric

from vosgan_mm.registry import METRICS
from .generation_metrics import _build_classifier, _to_unit_range


def symmetric_sqrt(matrix: np.ndarray) -> np.ndarray:
    """The positive semi-definite square root of a symmetric positive
    semi-definite matrix (eigenvalues that rounding made negative count as
    0)."""
    eigenvalues, eigenvectors = np.linalg.eigh(matrix)
    roots = np.sqrt(np.clip(eigenvalues, 0, None))
    return (eigenvectors * roots) @ eigenvectors.T


def frechet_distance(mu1: np.ndarray, sigma1: np.ndarray, mu2: np.ndarray,
                     sigma2: np.ndarray) -> float:
    """The Fréchet distance of N(mu1, sigma1) and N(mu2, sigma2) (the
    squared 2-Wasserstein distance), in float64.

    Args:
        mu1, mu2 (np.ndarray): (D,) means.
        sigma1, sigma2 (np.ndarray): (D, D) covariances.
    """
    mu1, mu2 = np.asarray(mu1, np.float64), np.asarray(mu2, np.float64)
    sigma1 = np.asarray(sigma1, np.float64)
    sigma2 = np.asarray(sigma2, np.float64)
    root1 = symmetric_sqrt(sigma1)
    middle = root1 @ sigma2 @ root1
    middle = (middle + middle.T) / 2  # symmetric, up to rounding
    trace_of_root = np.sqrt(np.clip(np.linalg.eigvalsh(middle), 0, None)).sum()
    distance = (
        np.sum((mu1 - mu2)**2) + np.trace(sigma1) + np.trace(sigma2) -
        2 * trace_of_root)
    return float(max(distance, 0.0))  # >= 0 but for rounding


def gaussian_of(features: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Mean (D,) and unbiased covariance (D, D) of (N, D) features."""
    features = np.asarray(features, np.float64)
    return features.mean(axis=0), np.atleast_2d(np.cov(features, rowvar=False))


def frechet_distance_of_features(real: np.ndarray, fake: np.ndarray) -> float:
    """The Fréchet distance of the Gaussians fitted to two (N, D) sets of
    features (N may differ between them, 2 at least)."""
    for name, features in (('real', real), ('generated', fake)):
        if len(features) < 2:
            raise ValueError(f'FID needs the features of at least 2 {name} '
                             f'frames for a covariance, got {len(features)}')
    return frechet_distance(*gaussian_of(real), *gaussian_of(fake))


def chosen_frames(num_frames: int, frames_per_video: int,
                  rng: np.random.Generator) -> np.ndarray:
    """``frames_per_video`` distinct frame indices of a video of
    ``num_frames`` frames, in order (every frame when it has no more)."""
    return np.sort(rng.permutation(num_frames)[:frames_per_video])


@METRICS.register_module()
class FrechetInceptionDistance(BaseMetric):
    """FID between the classifier features of frames of real clips and of
    generated videos (``FID``; lower is better).

    The frames: ``frames_per_video`` distinct frames of every generated
    video and as many of every real clip (the data sample's
    ``real_video``), at positions drawn from ``seed`` and the sample's
    index: reruns pick the same frames, and a generated video and a real
    clip of one length the same positions. With the default, one frame of
    each, a test set of N clips gives N real and N generated frames (the
    usual 50,000 for the golf configs); a number at least the clip length
    takes every frame.

    Args:
        classifier (dict | nn.Module): Image classifier returning
            ``features``; FID proper is ``FIDInceptionV3`` with the
            converted TensorFlow weights (its ``checkpoint``).
        frames_per_video (int): Defaults to 1.
        seed (int): Seed of the frame choice. Defaults to 0.
    """

    default_prefix = 'gen'

    def __init__(self,
                 classifier: Union[dict, nn.Module],
                 frames_per_video: int = 1,
                 seed: int = 0,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None):
        super().__init__(collect_device=collect_device, prefix=prefix)
        if frames_per_video < 1:
            raise ValueError('frames_per_video must be a positive integer, '
                             f'got {frames_per_video}')
        self.classifier = _build_classifier(classifier)
        self.frames_per_video = frames_per_video
        self.seed = seed

    def too_few_videos(self, num_videos: int) -> Optional[str]:
        """Whether a test set of ``num_videos`` videos gives too few frames
        for a covariance, said before the test runs."""
        needed = -(-2 // self.frames_per_video)  # 2 frames of each kind
        if num_videos < needed:
            return (f'FID with frames_per_video={self.frames_per_video} '
                    f'needs at least {needed} video{"s" * (needed > 1)} for '
                    f'its covariances, got {num_videos}')
        return None

    def _frames(self, video: torch.Tensor, sample_idx: int) -> torch.Tensor:
        frames = _to_unit_range(video)  # (T, 3, H, W)
        rng = np.random.default_rng([self.seed, sample_idx])
        chosen = chosen_frames(len(frames), self.frames_per_video, rng)
        return frames[torch.from_numpy(chosen)]

    @torch.no_grad()
    def _features(self, frames: List[torch.Tensor]) -> List[np.ndarray]:
        """(k, D) features of each video's (k, 3, H, W) frames."""
        features = self.classifier(torch.cat(frames))['features']
        features = features.float().cpu().numpy()
        return np.split(features, np.cumsum([len(f) for f in frames])[:-1])

    def process(self, data_batch, data_samples) -> None:
        real, fake = [], []
        for sample in data_samples:
            idx = int(sample['sample_idx'])
            fake.append(self._frames(sample['fake_video'], idx))
            real.append(self._frames(sample['real_video'], idx))
        # generated and real frames may differ in size: one batch of each
        for real_features, fake_features in zip(
                self._features(real), self._features(fake)):
            self.results.append(dict(real=real_features, fake=fake_features))

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:

        def stacked(key):
            return np.concatenate([r[key] for r in results]
                                  or [np.zeros((0, 0))])

        return dict(
            FID=frechet_distance_of_features(stacked('real'), stacked('fake')))
