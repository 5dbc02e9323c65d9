"""Train the in-domain frame classifier of the generation metrics (IS, FCD,
FID) on one of the embedded benchmarks, and report its held-out accuracy.

    python tools/train_frame_classifier.py [--benchmark photo_scenes] \
        [--out FILE] [--results FILE]

Frames of the benchmark's clips of seed ``--train-seed``, labelled by what
the renderer knows they show (sprites: how many discs and squares,
``vosgan_mm.datasets.sprite_frame_labels``; photo scenes: which photograph,
``vosgan_mm.datasets.photo_scene_frame_labels``), half of them whole frames
and half the box of their foreground, as FCD crops it; the held-out
accuracy is measured on clips of another seed (``--heldout-seed``), which
no other role of the benchmark's data uses. The network is
``SmallImageClassifier``; its weights are written weights-only and
atomically to ``--out`` (by default the file the package ships), and a JSON
of the accuracy (over all held-out frames, over whole frames, over crops,
per class) and the command to ``--results``.
"""
import argparse
import json
import sys
import time
from typing import Callable, NamedTuple, Sequence

import numpy as np
import torch
import torch.nn.functional as F

from vosgan_mm.datasets.photo_scene_frame_labels import (
    PHOTO_SCENE_FRAME_CLASS_NAMES, labelled_photo_scene_frames)
from vosgan_mm.datasets.sprite_frame_labels import (SPRITE_FRAME_CLASS_NAMES,
                                                    labelled_sprite_frames)
from vosgan_mm.models.classifiers import SmallImageClassifier
from vosgan_mm.models.classifiers.in_domain_frame_classifiers import (
    PHOTO_SCENE_FRAME_CLASSIFIER_WEIGHTS, SPRITE_FRAME_CLASSIFIER_WEIGHTS)
from vosgan_mm.utils.atomic_local_backend import (save_checkpoint_atomically,
                                                  write_atomically)
from vosgan_mm.utils.tool_errors import add_debug_argument, run_tool


class Benchmark(NamedTuple):
    class_names: Sequence[str]
    labelled_frames: Callable  # (seed, num_clips) -> (image, label) pairs
    weights: str  # the file the package ships
    results: str


BENCHMARKS = dict(
    sprites=Benchmark(SPRITE_FRAME_CLASS_NAMES, labelled_sprite_frames,
                      SPRITE_FRAME_CLASSIFIER_WEIGHTS,
                      'results/generation/sprite_frame_classifier.json'),
    photo_scenes=Benchmark(
        PHOTO_SCENE_FRAME_CLASS_NAMES, labelled_photo_scene_frames,
        PHOTO_SCENE_FRAME_CLASSIFIER_WEIGHTS,
        'results/generation/photo_scene_frame_classifier.json'))


def parse_args():
    parser = argparse.ArgumentParser(
        description='Train the in-domain frame classifier of IS, FCD and FID',
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument('--benchmark', choices=tuple(BENCHMARKS),
                        default='sprites',
                        help='whose frames and classes')
    parser.add_argument(
        '--out',
        help='weights file; none: the file the package ships for '
        '--benchmark')
    parser.add_argument(
        '--results',
        help='JSON of the held-out accuracy; none: '
        'results/generation/<benchmark>_frame_classifier.json')
    parser.add_argument('--train-seed', type=int, default=30,
                        help='seed of the training clips (of the benchmark)')
    parser.add_argument('--heldout-seed', type=int, default=31,
                        help='seed of the held-out clips (of the benchmark)')
    parser.add_argument('--train-clips', type=int, default=3000,
                        help='training clips (4 frames each)')
    parser.add_argument('--heldout-clips', type=int, default=500,
                        help='held-out clips (4 frames each)')
    parser.add_argument('--epochs', type=int, default=20, help='epochs')
    parser.add_argument('--batch-size', type=int, default=64,
                        help='batch size')
    parser.add_argument('--lr', type=float, default=1e-3,
                        help='Adam learning rate')
    parser.add_argument('--seed', type=int, default=0,
                        help='seed of the weights and the batch order')
    add_debug_argument(parser)
    args = parser.parse_args()
    for name in ('train_clips', 'heldout_clips', 'epochs', 'batch_size'):
        if getattr(args, name) < 1:
            parser.error(f'--{name.replace("_", "-")} must be positive, got '
                         f'{getattr(args, name)}')
    if not args.lr > 0:
        parser.error(f'--lr must be positive, got {args.lr}')
    if args.train_seed == args.heldout_seed:
        parser.error('--train-seed and --heldout-seed must differ')
    benchmark = BENCHMARKS[args.benchmark]
    args.out = args.out or benchmark.weights
    args.results = args.results or benchmark.results
    return args


def to_batch(images, size: int = 64) -> torch.Tensor:
    """uint8 RGB images of any sizes -> (N, 3, size, size) in [-1, 1], as
    the generation metrics give the classifier frames and crops."""
    return torch.cat([
        F.interpolate(
            torch.from_numpy(np.ascontiguousarray(image)).permute(
                2, 0, 1)[None].float() / 127.5 - 1,
            size=(size, size),
            mode='bilinear',
            align_corners=False) for image in images
    ])


def load_frames(labelled_frames, seed: int, num_clips: int):
    images, labels, crops = [], [], []
    for image, label in labelled_frames(seed, num_clips):
        crops.append(image.shape[:2] != (64, 64))
        images.append(image)
        labels.append(label)
    return to_batch(images), torch.tensor(labels), torch.tensor(crops)


def accuracy(model, images, labels, mask=None) -> float:
    if mask is not None:
        images, labels = images[mask], labels[mask]
    with torch.no_grad():
        predicted = torch.cat([
            model(chunk)['logits'].argmax(1)
            for chunk in images.split(256)
        ])
    return float((predicted == labels).float().mean() * 100)


def main():
    args = parse_args()
    torch.manual_seed(args.seed)
    start = time.time()
    benchmark = BENCHMARKS[args.benchmark]
    class_names = benchmark.class_names
    train_images, train_labels, _ = load_frames(benchmark.labelled_frames,
                                                args.train_seed,
                                                args.train_clips)
    held_images, held_labels, held_crops = load_frames(
        benchmark.labelled_frames, args.heldout_seed, args.heldout_clips)
    model = SmallImageClassifier(num_classes=len(class_names), seed=args.seed)
    # the class layer's random init is for untrained use (unit-variance,
    # decisive scores); training starts it small
    torch.nn.init.normal_(model.fc.weight, std=0.01)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    order = torch.Generator().manual_seed(args.seed)
    for epoch in range(args.epochs):
        model.train()
        losses = []
        for idx in torch.randperm(len(train_labels),
                                  generator=order).split(args.batch_size):
            loss = F.cross_entropy(
                model(train_images[idx])['logits'], train_labels[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        model.eval()
        print(f'epoch {epoch + 1}: loss {np.mean(losses):.4f}, held-out '
              f'accuracy {accuracy(model, held_images, held_labels):.2f} %')
    result = dict(
        command=' '.join(['python', 'tools/train_frame_classifier.py'] +
                         sys.argv[1:]),
        benchmark=args.benchmark,
        classes=list(class_names),
        train=dict(seed=args.train_seed, clips=args.train_clips,
                   frames=len(train_labels)),
        heldout=dict(seed=args.heldout_seed, clips=args.heldout_clips,
                     frames=len(held_labels)),
        heldout_accuracy=accuracy(model, held_images, held_labels),
        heldout_accuracy_whole_frames=accuracy(model, held_images,
                                               held_labels, ~held_crops),
        heldout_accuracy_foreground_boxes=accuracy(model, held_images,
                                                   held_labels, held_crops),
        heldout_accuracy_per_class={
            name: accuracy(model, held_images, held_labels,
                           held_labels == k)
            for k, name in enumerate(class_names)
        },
        heldout_class_shares=[
            float((held_labels == k).float().mean())
            for k in range(len(class_names))
        ],
        seconds=round(time.time() - start, 1))
    save_checkpoint_atomically(model.state_dict(), args.out)
    write_atomically(
        (json.dumps(result, indent=2) + '\n').encode(), args.results)
    print(f'held-out accuracy {result["heldout_accuracy"]:.2f} % '
          f'({result["heldout"]["frames"]} frames of seed '
          f'{args.heldout_seed}); weights {args.out}, results '
          f'{args.results}')


if __name__ == '__main__':
    run_tool(main)
