#!/usr/bin/env python3
"""Builds the golden image set (golden/images, golden/corrupt) reproducibly, and checks that
every file really has the property its name claims.

    .venv/bin/python scripts/make_golden_images.py [--skimage-data DIR] [--out golden]

The photos come from scikit-image's sample data as Debian packages it (python3-skimage; the
licence of each photo is in its fetcher's docstring, skimage/data/_fetchers.py). Without
--skimage-data the script fetches the package with `apt-get download` into a temporary folder
(nothing is installed). The source files are checked against pinned SHA-256 digests, so the
output depends only on them and on the encoder versions of the venv's Pillow.

Every other image is made here from those photos or from seeded noise, and is CC0 like them.
"""
import argparse
import glob
import io
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

import numpy as np
from PIL import Image, ImageCms, JpegImagePlugin

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from prepguard_py.arrays import file_sha256  # noqa: E402

# scikit-image 0.19.3 sample photos (Debian python3-skimage 0.19.3-8) and their licences.
SOURCES = {
    "chelsea.png": {
        "sha256": "596aa1e7cb875eb79f437e310381d26b338a81c2da23439704a73c4651e8c4bb",
        "credit": "Chelsea the cat, photographed by Stefan van der Walt",
        "licence": "CC0 (\"No copyright restrictions. CC0 by the photographer\")",
    },
    "coffee.png": {
        "sha256": "cc02f8ca188b167c775a7101b5d767d1e71792cf762c33d6fa15a4599b5a8de7",
        "credit": "Coffee cup, photographed by Rachel Michetti",
        "licence": "CC0 (\"No copyright restrictions. CC0 by the photographer\")",
    },
    "rocket.jpg": {
        "sha256": "c2dd0de7c538df8d111e479619b129464d0269d0ae5fd18ca91d33a7fdfea95c",
        "credit": "Launch of DSCOVR on a Falcon 9, photographed by SpaceX (flickr.com/photos/spacexphotos/16511594820)",
        "licence": "Public domain (released into the public domain by SpaceX, as scikit-image states)",
    },
    "camera.png": {
        "sha256": "b0793d2adda0fa6ae899c03989482bff9a42d3d5690fc7e3648f2795d730c23a",
        "credit": "Cameraman replacement photo, photographed by Lav Varshney",
        "licence": "CC0 (\"No copyright restrictions. CC0 by the photographer\")",
    },
}
SKIMAGE_NOTE = "scikit-image 0.19.3 sample data, as shipped in Debian's python3-skimage 0.19.3-8"

JPEG_SAMPLING = {"4:4:4": 0, "4:2:2": 1, "4:2:0": 2}  # JpegImagePlugin.get_sampling() codes


def fetch_skimage_data(workdir):
    """Download (not install) Debian's python3-skimage and unpack its data folder."""
    subprocess.run(["apt-get", "download", "python3-skimage"], cwd=workdir, check=True)
    deb = glob.glob(os.path.join(workdir, "python3-skimage_*.deb"))[0]
    subprocess.run(["dpkg", "-x", deb, os.path.join(workdir, "x")], check=True)
    return glob.glob(os.path.join(workdir, "x", "usr", "lib", "python3*", "dist-packages", "skimage", "data"))[0]


# ----------------------------------------------------------------------------- writers


def write_png_rgb16(path, rgb16):
    """A 16-bit-per-channel RGB PNG. Pillow has no mode that saves one, so the chunks are
    written directly: IHDR (bit depth 16, colour type 2), one zlib IDAT, IEND."""
    height, width, _ = rgb16.shape

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = rgb16.astype(">u2").reshape(height, width * 3)
    raw = b"".join(b"\x00" + row.tobytes() for row in rows)  # filter type 0 on every row
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def png_bit_depth(path):
    with open(path, "rb") as f:
        head = f.read(33)
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", path
    return head[24], head[25]  # bit depth, colour type


# ----------------------------------------------------------------------------- the set


def build(src_dir, out_images):
    """Write every golden image; return [(file name, description, source/licence line)]."""
    made = []
    rng = np.random.default_rng(20261128)

    def out(name):
        return os.path.join(out_images, name)

    def record(name, what, origin):
        made.append((name, what, origin))

    def from_photo(photo):
        return f"Made here from `{photo}` (above); CC0"

    # Photos, copied byte for byte.
    for photo, what in [
        ("chelsea.png", "RGB PNG 451×300 with an sRGB iCCP chunk"),
        ("coffee.png", "RGB PNG 600×400"),
        ("rocket.jpg", "baseline JPEG 4:4:4, 640×427, embedded **Adobe RGB (1998)** ICC profile (non-sRGB)"),
        ("camera.png", "grayscale (L) PNG 512×512"),
    ]:
        shutil.copyfile(os.path.join(src_dir, photo), out(photo))
        record(photo, what, f"{SKIMAGE_NOTE}: {SOURCES[photo]['credit']}. {SOURCES[photo]['licence']}")

    chelsea = Image.open(os.path.join(src_dir, "chelsea.png")).convert("RGB")
    coffee = Image.open(os.path.join(src_dir, "coffee.png")).convert("RGB")
    camera = Image.open(os.path.join(src_dir, "camera.png")).convert("L")

    # JPEG variants of the cat (451 px wide: odd width exercises chroma edge handling).
    for sampling in ("4:2:0", "4:2:2", "4:4:4"):
        name = f"jpeg-baseline-{sampling.replace(':', '')}.jpg"
        chelsea.save(out(name), quality=90, subsampling=sampling)
        record(name, f"baseline JPEG, chroma subsampling {sampling}, 451×300", from_photo("chelsea.png"))
    chelsea.save(out("jpeg-progressive.jpg"), quality=90, subsampling="4:2:0", progressive=True)
    record("jpeg-progressive.jpg", "progressive JPEG 4:2:0, 451×300", from_photo("chelsea.png"))
    coffee.crop((101, 67, 101 + 333, 67 + 251)).save(out("jpeg-420-odd-size.jpg"), quality=85, subsampling="4:2:0")
    record("jpeg-420-odd-size.jpg", "baseline JPEG 4:2:0 with odd width and height (333×251)", from_photo("coffee.png"))

    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° CW to display; Pillow/Keras ignore it
    chelsea.save(out("exif-orientation-6.jpg"), quality=90, exif=exif.tobytes())
    record("exif-orientation-6.jpg", "JPEG with EXIF Orientation = 6 (stored 451×300, displays as 300×451)", from_photo("chelsea.png"))
    exif[0x0112] = 8
    coffee.save(out("exif-orientation-8.jpg"), quality=85, exif=exif.tobytes())
    record("exif-orientation-8.jpg", "JPEG with EXIF Orientation = 8 (stored 600×400)", from_photo("coffee.png"))

    # CMYK with a real black channel (grey-component replacement), so K matters in conversion.
    rgb = np.asarray(chelsea, dtype=np.int32)
    cmy = 255 - rgb
    k = cmy.min(axis=2, keepdims=True)
    cmyk = np.concatenate([cmy - k, k], axis=2).astype(np.uint8)
    Image.fromarray(cmyk, "CMYK").save(out("cmyk.jpg"), quality=90)
    record("cmyk.jpg", "CMYK JPEG with an Adobe APP14 marker (inverted CMYK, as Photoshop writes it), K from grey-component replacement", from_photo("chelsea.png"))

    chelsea.convert("L").save(out("grayscale.jpg"), quality=90)
    record("grayscale.jpg", "grayscale (1-component) JPEG 451×300", from_photo("chelsea.png"))

    # Alpha: a radial alpha on gray, a left-to-right 0..255 ramp on colour (RGB kept under alpha 0).
    h, w = 300, 451
    yy, xx = np.mgrid[0:h, 0:w]
    # Opaque centre (alpha 255), fading to fully transparent (0) at the corners.
    radial = np.clip(300 - np.hypot(xx - w / 2, yy - h / 2) * 300 / (h / 2), 0, 255).astype(np.uint8)
    Image.merge("LA", [chelsea.convert("L"), Image.fromarray(radial)]).save(out("gray-alpha.png"))
    record("gray-alpha.png", "gray+alpha (LA) PNG with a radial alpha 0..255", from_photo("chelsea.png"))
    ramp = np.tile(np.round(np.linspace(0, 255, w)).astype(np.uint8), (h, 1))
    rgba = chelsea.copy()
    rgba.putalpha(Image.fromarray(ramp))
    rgba.save(out("rgba-alpha-ramp.png"))
    record("rgba-alpha-ramp.png", "RGBA PNG, alpha ramps 0→255 left to right (colour kept where alpha is 0)", from_photo("chelsea.png"))

    # Palettes.
    coffee_small = coffee.resize((300, 200), Image.Resampling.LANCZOS)
    palette = coffee_small.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    palette.save(out("palette.png"))
    record("palette.png", "palette (P) PNG, 256 colours, 300×200", from_photo("coffee.png"))
    paletted = coffee_small.quantize(colors=16, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.FLOYDSTEINBERG)
    alphas = bytes(int(v) for v in np.linspace(0, 255, 16).round())  # one alpha per palette index
    paletted.save(out("palette-trns.png"), transparency=alphas)
    record("palette-trns.png", "palette (P) PNG, 16 colours, with a tRNS chunk (per-index alpha 0..255)", from_photo("coffee.png"))

    # 16-bit: gray spans 0..65535 (Pillow clamps to 255 when converting); RGB keeps a noisy low byte.
    gray16 = np.asarray(camera, dtype=np.uint32) * 257 + rng.integers(0, 256, camera.size[::-1])
    gray16 = np.clip(gray16, 0, 65535).astype(np.uint16)
    gray16[:8, :8] = np.arange(64, dtype=np.uint16).reshape(8, 8) * 4  # a patch of values below 256
    Image.fromarray(gray16).save(out("gray16.png"))
    record("gray16.png", "16-bit grayscale PNG 512×512, values 0..65535 (a corner patch below 256)", from_photo("camera.png"))
    rgb16 = np.asarray(coffee_small, dtype=np.uint16) * 257 + rng.integers(0, 256, (200, 300, 3)).astype(np.uint16) % 257
    write_png_rgb16(out("rgb16.png"), rgb16)
    record("rgb16.png", "16-bit-per-channel RGB PNG 300×200", from_photo("coffee.png"))

    # Sizes and shapes.
    Image.fromarray(rng.integers(0, 256, (4, 5, 3), dtype=np.uint8)).save(out("tiny-5x4.png"))
    record("tiny-5x4.png", "tiny RGB PNG, 5×4 (seeded noise)", "Made here from seeded random noise; CC0")
    coffee.crop((0, 180, 600, 210)).save(out("wide-20to1.png"))
    record("wide-20to1.png", "extreme aspect ratio 20:1 (600×30) RGB PNG", from_photo("coffee.png"))
    tall = chelsea.resize((6, 720), Image.Resampling.BOX)
    tall.save(out("tall-120to1.png"))
    record("tall-120to1.png", "extreme aspect ratio 1:120 (6×720) RGB PNG, taller than 100× its width", from_photo("chelsea.png"))
    coffee.resize((3600, 2400), Image.Resampling.BICUBIC).save(out("large-3600x2400.jpg"), quality=80, subsampling="4:2:0")
    record("large-3600x2400.jpg", "large baseline JPEG 3600×2400 (4:2:0)", from_photo("coffee.png"))

    # Other containers.
    frames = [chelsea.resize((226, 150), Image.Resampling.LANCZOS)]
    frames += [frames[0].rotate(angle) for angle in (8, 16)]
    frames = [f.quantize(colors=128, method=Image.Quantize.MEDIANCUT) for f in frames]
    frames[0].save(out("animated.gif"), save_all=True, append_images=frames[1:], duration=120, loop=0)
    record("animated.gif", "animated GIF, 3 frames, 226×150 (Keras reads the first)", from_photo("chelsea.png"))
    chelsea.save(out("lossy.webp"), quality=80, method=4)
    record("lossy.webp", "lossy WebP (RGB) 451×300", from_photo("chelsea.png"))
    rgba.resize((226, 150), Image.Resampling.LANCZOS).save(out("lossless-alpha.webp"), lossless=True)
    record("lossless-alpha.webp", "lossless WebP with alpha (RGBA) 226×150", from_photo("chelsea.png"))
    coffee_small.save(out("lzw.tiff"), compression="tiff_lzw")
    record("lzw.tiff", "RGB TIFF, LZW-compressed, 300×200", from_photo("coffee.png"))
    return made


def build_corrupt(out_corrupt, out_images):
    rng = np.random.default_rng(7)
    entries = []
    with open(os.path.join(out_images, "jpeg-baseline-420.jpg"), "rb") as f:
        jpeg = f.read()
    with open(os.path.join(out_images, "chelsea.png"), "rb") as f:
        png = f.read()
    files = {
        "truncated.jpg": (jpeg[: len(jpeg) * 6 // 10], "the first 60% of `images/jpeg-baseline-420.jpg` (valid header, scan data cut off, no EOI marker)"),
        "truncated.png": (png[: len(png) // 2], "the first half of `images/chelsea.png` (IDAT data cut off, no IEND chunk)"),
        "garbage.jpg": (rng.integers(0, 256, 2048, dtype=np.uint8).tobytes(), "2048 seeded random bytes with a .jpg name (no image signature)"),
        "empty.png": (b"", "an empty file (0 bytes)"),
        "unsupported.svg": (
            b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="red"/></svg>\n',
            "a valid SVG: a format Pillow (and so Keras' load_img) cannot read",
        ),
    }
    for name, (data, what) in files.items():
        with open(os.path.join(out_corrupt, name), "wb") as f:
            f.write(data)
        entries.append((name, what))
    return entries


# ----------------------------------------------------------------------------- checks


def icc_description(im):
    icc = im.info.get("icc_profile")
    if not icc:
        return None
    return ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc))).strip()


def verify(out_images, out_corrupt):
    """Reopen every file with Pillow and assert the property its name promises."""

    def open_(name):
        im = Image.open(os.path.join(out_images, name))
        return im

    def expect(name, mode, size=None, fmt=None):
        im = open_(name)
        assert im.mode == mode, f"{name}: mode {im.mode}, expected {mode}"
        if size is not None:
            assert im.size == size, f"{name}: size {im.size}, expected {size}"
        if fmt is not None:
            assert im.format == fmt, f"{name}: format {im.format}, expected {fmt}"
        return im

    im = expect("chelsea.png", "RGB", (451, 300), "PNG")
    assert icc_description(im) == "sRGB IEC61966-2.1", icc_description(im)
    expect("coffee.png", "RGB", (600, 400), "PNG")
    im = expect("rocket.jpg", "RGB", (640, 427), "JPEG")
    assert icc_description(im) == "Adobe RGB (1998)", icc_description(im)
    expect("camera.png", "L", (512, 512), "PNG")
    for sampling, code in JPEG_SAMPLING.items():
        name = f"jpeg-baseline-{sampling.replace(':', '')}.jpg"
        im = expect(name, "RGB", (451, 300), "JPEG")
        assert JpegImagePlugin.get_sampling(im) == code, f"{name}: sampling {JpegImagePlugin.get_sampling(im)}"
        assert not im.info.get("progressive"), name
    im = expect("jpeg-progressive.jpg", "RGB", (451, 300), "JPEG")
    assert im.info.get("progressive") and JpegImagePlugin.get_sampling(im) == 2
    im = expect("jpeg-420-odd-size.jpg", "RGB", (333, 251), "JPEG")
    assert JpegImagePlugin.get_sampling(im) == 2
    for name, orientation in [("exif-orientation-6.jpg", 6), ("exif-orientation-8.jpg", 8)]:
        im = expect(name, "RGB", fmt="JPEG")
        assert im.getexif().get(0x0112) == orientation, f"{name}: orientation {im.getexif().get(0x0112)}"
    im = expect("cmyk.jpg", "CMYK", (451, 300), "JPEG")
    assert "adobe" in im.info, "cmyk.jpg: no Adobe APP14 marker"
    k = np.asarray(im)[..., 3]
    assert 0 < int(k.max()), "cmyk.jpg: K channel is empty"
    expect("grayscale.jpg", "L", (451, 300), "JPEG")
    im = expect("gray-alpha.png", "LA", (451, 300), "PNG")
    alpha = np.asarray(im)[..., 1]
    assert alpha.min() == 0 and alpha.max() == 255
    im = expect("rgba-alpha-ramp.png", "RGBA", (451, 300), "PNG")
    alpha = np.asarray(im)[..., 3]
    assert alpha[:, 0].max() == 0 and alpha[:, -1].min() == 255 and len(np.unique(alpha)) > 200
    im = expect("palette.png", "P", (300, 200), "PNG")
    assert "transparency" not in im.info and len(im.getcolors(256)) > 200
    im = expect("palette-trns.png", "P", (300, 200), "PNG")
    assert isinstance(im.info.get("transparency"), bytes), "palette-trns.png: no per-index tRNS"
    im = expect("gray16.png", "I;16", (512, 512), "PNG")
    assert png_bit_depth(os.path.join(out_images, "gray16.png")) == (16, 0)
    values = np.asarray(im)
    assert values.max() > 60000 and (values < 256).sum() >= 64 and (values > 255).mean() > 0.9
    im = expect("rgb16.png", "RGB", (300, 200), "PNG")
    assert png_bit_depth(os.path.join(out_images, "rgb16.png")) == (16, 2)
    im = expect("tiny-5x4.png", "RGB", (5, 4), "PNG")
    assert max(im.size) <= 8
    im = expect("wide-20to1.png", "RGB", (600, 30), "PNG")
    im = expect("tall-120to1.png", "RGB", (6, 720), "PNG")
    assert im.size[1] > 100 * im.size[0]
    im = expect("large-3600x2400.jpg", "RGB", (3600, 2400), "JPEG")
    im = expect("animated.gif", "P", (226, 150), "GIF")
    assert im.n_frames == 3 and im.is_animated
    expect("lossy.webp", "RGB", (451, 300), "WEBP")
    expect("lossless-alpha.webp", "RGBA", (226, 150), "WEBP")
    im = expect("lzw.tiff", "RGB", (300, 200), "TIFF")
    assert im.info.get("compression") == "tiff_lzw"

    for name in ("truncated.jpg", "truncated.png", "garbage.jpg", "empty.png", "unsupported.svg"):
        path = os.path.join(out_corrupt, name)
        try:
            with Image.open(path) as im:
                im.load()
        except (OSError, SyntaxError, ValueError):
            continue
        raise AssertionError(f"{name} decodes without error; it should not")


# ----------------------------------------------------------------------------- docs


def write_licences(path, made):
    lines = [
        "# Golden images: sources and licences",
        "",
        "Generated by `scripts/make_golden_images.py` (do not edit by hand; rerun the script).",
        "Every image is either a public-domain / CC0 photo from scikit-image's sample data",
        f"({SKIMAGE_NOTE}; the licence of each photo is stated in `skimage/data/_fetchers.py`)",
        "or was made here from those photos or from seeded noise and is dedicated to the public",
        "domain under CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/).",
        "",
        "| file | what it tests | source and licence |",
        "|---|---|---|",
    ]
    lines += [f"| `{name}` | {what} | {origin} |" for name, what, origin in made]
    lines.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def write_corrupt_readme(path, entries):
    lines = [
        "# Broken and unsupported inputs",
        "",
        "Error-path fixtures, generated by `scripts/make_golden_images.py`. Each one must be",
        "rejected with a clear error naming the file; none may decode to a partial image.",
        "All are made here (CC0).",
        "",
        "| file | what it is |",
        "|---|---|",
    ]
    lines += [f"| `{name}` | {what} |" for name, what in entries]
    lines.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skimage-data", help="scikit-image's data folder (default: fetch Debian's python3-skimage)")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden"))
    args = parser.parse_args()

    out_images = os.path.join(args.out, "images")
    out_corrupt = os.path.join(args.out, "corrupt")
    with tempfile.TemporaryDirectory() as tmp:
        src_dir = args.skimage_data or fetch_skimage_data(tmp)
        for photo, meta in SOURCES.items():
            digest = file_sha256(os.path.join(src_dir, photo))
            if digest != meta["sha256"]:
                sys.exit(f"make_golden_images: {photo} has SHA-256 {digest}, expected {meta['sha256']}; wrong scikit-image version?")
        for folder in (out_images, out_corrupt):
            shutil.rmtree(folder, ignore_errors=True)
            os.makedirs(folder)
        made = build(src_dir, out_images)
    entries = build_corrupt(out_corrupt, out_images)
    verify(out_images, out_corrupt)
    write_licences(os.path.join(out_images, "LICENSES.md"), made)
    write_corrupt_readme(os.path.join(out_corrupt, "README.md"), entries)
    total = sum(os.path.getsize(os.path.join(out_images, n)) for n, _, _ in made)
    print(f"make_golden_images: {len(made)} images ({total / 1e6:.2f} MB) and {len(entries)} broken files, all checked")


if __name__ == "__main__":
    main()
