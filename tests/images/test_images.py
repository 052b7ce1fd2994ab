"""Images for actions, briefings and people at risk: described, resized into a srcset, lazy below the fold."""

import io
import pathlib

from PIL import Image, ImageCms, PngImagePlugin

from conftest import PEOPLE_TOML, action_md, briefing_md, minimal_files, photo


def site_with_images(site_builder, tmp_path, files):
    content = tmp_path / "content" / "images"
    content.mkdir(parents=True)
    (content / "protest.jpg").write_bytes(photo())
    Image.open(io.BytesIO(photo(300, 300))).save(content / "portrait.png", "PNG")
    return site_builder(files)


def test_an_action_image_is_resized_into_a_srcset_with_its_size_and_alt(site_builder, tmp_path):
    files = minimal_files()
    files["actions/free-them.md"] = action_md(extra="Image: images/protest.jpg\nImage-Alt: Police detain protesters in Almaty")
    files["actions/free-them.ru.md"] = action_md(lang="ru", title="Освободите их",
                                                 extra="Image-Alt: Полиция задерживает протестующих в Алматы")
    site = site_with_images(site_builder, tmp_path, files)
    assert not site.report.problems, site.report.problems
    for page, alt in (("actions/free-them/index.html", "Police detain protesters in Almaty"),
                      ("ru/actions/free-them/index.html", "Полиция задерживает протестующих в Алматы")):
        img = site.soup(page).select_one(".lead-image img")
        assert img["alt"] == alt and img["loading"] == "lazy" and (img["width"], img["height"]) == ("1280", "768")
        widths = [int(part.split()[1][:-1]) for part in img["srcset"].split(", ")]
        assert widths == [320, 640, 960, 1280]
        for part in img["srcset"].split(", "):
            url = part.split()[0]
            file = site.output / page.rsplit("/", 1)[0] / url
            assert file.resolve().is_file(), url
            assert Image.open(file.resolve()).width == int(part.split()[1][:-1])
    # Below the act panel: the first screen holds no image.
    html = site.text("actions/free-them/index.html")
    assert html.index('class="act-panel"') < html.index('class="lead-image"')


def test_a_missing_alt_or_a_bad_file_is_a_named_error_and_the_page_builds_without_it(site_builder, tmp_path):
    files = minimal_files()
    files["actions/free-them.md"] = action_md(extra="Image: images/protest.jpg")
    files["briefings/background.md"] = briefing_md().replace("Summary:", "Image: images/nothing.jpg\nImage-Alt: x\nSummary:")
    files["pages/about.md"] = "Title: About\n\n[x]({static}/images/protest.jpg)\n"
    site = site_with_images(site_builder, tmp_path, files)
    assert any("actions/free-them.md: field 'image-alt': is missing" in e for e in site.report.errors)
    assert any("briefings/background.md: field 'image': 'images/nothing.jpg' is not a file" in e for e in site.report.errors)
    assert not site.soup("actions/free-them/index.html").select(".lead-image")
    assert site.exists("briefings/background/index.html")


def test_a_person_at_risk_can_have_a_described_portrait(site_builder, tmp_path):
    files = minimal_files()
    files["data/people.toml"] = PEOPLE_TOML.replace(
        'description = {', 'image = "images/portrait.png"\nimage_alt = { en = "Dmitry Tikhonov, smiling", '
        'ru = "Дмитрий Тихонов улыбается", kk = "Дмитрий Тихонов күліп тұр" }\ndescription = {')
    site = site_with_images(site_builder, tmp_path, files)
    assert not site.report.problems, site.report.problems
    img = site.soup("ru/actions/free-them/index.html").select_one(".people img")
    assert img["alt"] == "Дмитрий Тихонов улыбается" and img["width"] == "300" and img["loading"] == "lazy"
    broken = PEOPLE_TOML.replace('description = {', 'image = "images/portrait.png"\ndescription = {')
    site = site_builder(minimal_files() | {"data/people.toml": broken})
    assert any("dmitry-tikhonov.image_alt" in e and "is missing" in e for e in site.report.errors)


def identifying_photo(width=1200, height=800, orientation=1):
    """A JPEG with what a phone writes into a photo: the camera owner's name, the place, a comment and XMP."""
    image = Image.open(io.BytesIO(photo(width, height)))
    exif = Image.Exif()
    exif[0x013B] = "Anna Volunteer"  # Artist
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (43.0, 14.0, 30.0), 3: "E", 4: (76.0, 55.0, 10.0)}  # GPS: Almaty
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>Anna Volunteer</dc:creator></x:xmpmeta>'
    stream = io.BytesIO()
    image.save(stream, "JPEG", exif=exif, comment=b"Taken by Anna Volunteer", xmp=xmp)
    return stream.getvalue()


def test_a_photo_is_published_without_the_place_and_the_name_its_camera_wrote(site_builder, tmp_path):
    # Pelican copied content/images/ as it was: the GPS position of a protest and the photographer's name.
    files = minimal_files()
    files["actions/free-them.md"] = action_md(extra="Image: images/protest.jpg\nImage-Alt: Police detain protesters",
                                              body="The people were detained.\n\n![A crowd]({static}/images/crowd.jpg)")
    folder = tmp_path / "content" / "images"
    folder.mkdir(parents=True)
    (folder / "protest.jpg").write_bytes(identifying_photo())
    (folder / "crowd.jpg").write_bytes(identifying_photo())
    png = Image.open(io.BytesIO(photo(300, 200)))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Anna Volunteer")
    png.save(folder / "poster.png", pnginfo=info)
    site = site_builder(files, strict=True)
    published = [path for path in site.output.rglob("*") if path.is_file()]
    assert not [path for path in published if b"Anna Volunteer" in path.read_bytes()]
    for name, size in (("crowd.jpg", (1200, 800)), ("protest.jpg", (1200, 800)), ("poster.png", (300, 200))):
        with Image.open(site.output / "images" / name) as image:
            assert image.size == size and not image.getexif() and not image.info.get("comment")
    img = site.soup("actions/free-them/index.html").select_one(".prose img, article img[alt='A crowd']")
    assert img is not None and (site.output / "actions/free-them" / img["src"]).resolve().is_file()


def test_a_photo_turned_by_its_exif_is_published_upright(site_builder, tmp_path):
    # Orientation 6: the camera was held on its side; without EXIF, the page showed the photo lying down.
    files = minimal_files()
    files["actions/free-them.md"] = action_md(extra="Image: images/portrait.jpg\nImage-Alt: A protester")
    folder = tmp_path / "content" / "images"
    folder.mkdir(parents=True)
    (folder / "portrait.jpg").write_bytes(identifying_photo(600, 400, orientation=6))
    site = site_builder(files)
    with Image.open(site.output / "images" / "portrait.jpg") as image:
        assert image.size == (400, 600)
    img = site.soup("actions/free-them/index.html").select_one(".lead-image img")
    assert (img["width"], img["height"]) == ("400", "600")


def test_an_image_that_cannot_be_read_is_named_and_not_published(site_builder, tmp_path):
    files = minimal_files()
    folder = tmp_path / "content" / "images"
    folder.mkdir(parents=True)
    (folder / "cut.jpg").write_bytes(identifying_photo()[:2000])  # cut short in the middle of its pixels
    site = site_builder(files)
    assert any("images/cut.jpg" in e and "so it was not published" in e for e in site.report.errors)
    assert not (site.output / "images" / "cut.jpg").exists()
    assert site.exists("actions/free-them/index.html")


def test_a_photo_a_body_attaches_is_published_beside_its_page_without_metadata(site_builder, tmp_path):
    # The copies' places were read when Pelican's static generator finished, which fixed them: a body's
    # {attach} link could no longer move its photo beside the page, and warned (failing a strict build).
    files = minimal_files()
    files["pages/about.md"] = "Title: About\n\n![A crowd]({attach}/images/crowd.jpg)\n"
    folder = tmp_path / "content" / "images"
    folder.mkdir(parents=True)
    (folder / "crowd.jpg").write_bytes(identifying_photo())
    site = site_builder(files, strict=True)
    img = site.soup("about/index.html").find("img", alt="A crowd")
    published = (site.output / "about" / img["src"]).resolve()
    assert published == (site.output / "about" / "crowd.jpg").resolve() and published.is_file()
    assert b"Anna Volunteer" not in published.read_bytes()
    assert not site.exists("images/crowd.jpg")


def test_an_image_of_another_format_under_a_photo_name_is_named_and_not_published(site_builder, tmp_path):
    # Pillow opened any format: a two-page TIFF named .jpg was published as a TIFF (which no browser shows)
    # with its XMP and IPTC, which Pillow's TIFF writer copies from the original; a GIF or BMP as itself.
    from PIL import TiffImagePlugin

    files = minimal_files()
    folder = tmp_path / "content" / "images"
    folder.mkdir(parents=True)
    tags = TiffImagePlugin.ImageFileDirectory_v2()
    tags[700] = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>Anna Volunteer</dc:creator></x:xmpmeta>'
    page = Image.open(io.BytesIO(photo(300, 200)))
    page.save(folder / "scan.jpg", "TIFF", save_all=True, append_images=[page], tiffinfo=tags)
    page.save(folder / "poster.png", "BMP")
    site = site_builder(files)
    for name in ("scan.jpg", "poster.png"):
        assert any(f"images/{name}" in e and "not a JPEG, PNG or WebP image" in e for e in site.report.errors), name
        assert not site.exists(f"images/{name}")
    assert not [path for path in site.output.rglob("*") if path.is_file() and b"Anna Volunteer" in path.read_bytes()]


def test_a_phone_photo_with_more_images_in_it_is_published_upright_as_its_first(site_builder, tmp_path):
    # A JPEG with an MPF index (a camera's preview, an Ultra HDR gain map) opens as an MPO of several frames:
    # it was saved again with every frame, without its orientation and without being turned, so on its side.
    files = minimal_files()
    files["pages/about.md"] = "Title: About\n\n![A protester]({static}/images/portrait.jpg)\n"
    folder = tmp_path / "content" / "images"
    folder.mkdir(parents=True)
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x013B] = "Anna Volunteer"
    primary = Image.open(io.BytesIO(photo(600, 400)))
    primary.save(folder / "portrait.jpg", "MPO", save_all=True, append_images=[Image.new("RGB", (60, 40))], exif=exif)
    site = site_builder(files, strict=True)
    published = site.output / "images" / "portrait.jpg"
    with Image.open(published) as image:
        assert image.size == (400, 600) and getattr(image, "n_frames", 1) == 1 and not image.getexif()
    assert b"Anna Volunteer" not in published.read_bytes()


def test_what_an_image_hides_under_transparency_or_in_its_colour_profile_is_not_published(site_builder, tmp_path):
    # An editor may keep the colours of an erased face under pixels made transparent: the resized images
    # dropped the transparency and showed them. A colour profile can carry its owner's name.
    erased = Image.new("RGBA", (400, 300), (200, 30, 30, 0))  # red where nothing is to be seen
    erased.paste((20, 20, 20, 255), (0, 0, 200, 300))
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes() + b"Calibrated for Anna Volunteer"
    grey = Image.new("I;16", (300, 200), 40000)  # 16 bits: 40,000 of 65,535, a mid grey
    folder = tmp_path / "content" / "images"
    folder.mkdir(parents=True)
    erased.save(folder / "erased.png")
    Image.open(io.BytesIO(photo(400, 300))).save(folder / "calibrated.jpg", icc_profile=profile)
    grey.save(folder / "grey.png")
    files = minimal_files()
    files["actions/free-them.md"] = action_md(extra="Image: images/erased.png\nImage-Alt: A protester, face hidden")
    files["briefings/background.md"] = briefing_md().replace("Summary:", "Image: images/grey.png\nImage-Alt: Grey\nSummary:")
    site = site_builder(files, strict=True)
    published = [path for path in site.output.rglob("*") if path.is_file()]
    assert not [path for path in published if b"Anna Volunteer" in path.read_bytes()]
    with Image.open(site.output / "images" / "calibrated.jpg") as image:
        assert "icc_profile" not in image.info
    sized = site.soup("actions/free-them/index.html").select_one(".lead-image img")["src"]
    for path in (site.output / "images" / "erased.png", (site.output / "actions/free-them" / sized).resolve()):
        with Image.open(path) as image:
            pixels = image.convert("RGBA")
            assert pixels.getpixel((350, 150)) == (0, 0, 0, 0), path
            assert pixels.getpixel((50, 150))[3] == 255
    grey_src = site.soup("briefings/background/index.html").select_one(".lead-image img")["src"]
    with Image.open((site.output / "briefings/background" / grey_src).resolve()) as image:
        assert 140 < image.convert("L").getpixel((10, 10)) < 170  # 40,000 / 256 = 156, not clipped to white


def test_a_gif_is_published_without_its_comment_and_with_its_frames(site_builder, tmp_path):
    folder = tmp_path / "content" / "images"
    folder.mkdir(parents=True)
    frames = [Image.new("RGB", (40, 30), colour) for colour in ((200, 0, 0), (0, 200, 0), (0, 0, 200))]
    frames[0].save(folder / "moving.gif", save_all=True, append_images=frames[1:], duration=200, loop=0,
                   comment=b"Made by Anna Volunteer")
    files = minimal_files()
    files["pages/about.md"] = "Title: About\n\n![Moving]({static}/images/moving.gif)\n"
    site = site_builder(files, strict=True)
    published = site.output / "images" / "moving.gif"
    assert b"Anna Volunteer" not in published.read_bytes()
    with Image.open(published) as image:
        assert image.format == "GIF" and image.n_frames == 3 and image.info.get("duration") == 200


def published_image(site_builder, tmp_path, name, data):
    folder = tmp_path / "content" / "images"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    files = minimal_files()
    files["pages/about.md"] = f"Title: About\n\n![A picture]({{static}}/images/{name})\n"
    return site_builder(files)


def test_a_gif_whose_later_frame_outgrows_the_limit_or_whose_frames_add_up_past_it_is_not_published(site_builder, tmp_path):
    # MAX_PIXELS was checked on the first frame only: a 10 x 10 GIF whose next frame is 8000 x 8000 (a few KB)
    # grew to 64 megapixels, and Pillow holds every frame in memory to save a GIF again.
    first = Image.new("P", (10, 10), 0)
    stream = io.BytesIO()
    first.save(stream, "GIF", save_all=True, append_images=[Image.new("P", (10, 10), 1)], duration=20)
    large = io.BytesIO()
    Image.new("P", (8000, 8000), 1).save(large, "GIF")
    frame = large.getvalue()[large.getvalue().index(b"\x2c"):-1]  # its image descriptor and data
    grown = stream.getvalue()[:-1] + b"\x21\xf9\x04\x00\x02\x00\x00\x00" + frame + b"\x3b"
    site = published_image(site_builder, tmp_path, "grown.gif", grown)
    assert any("images/grown.gif" in e and "8000 x 8000" in e and "not published" in e for e in site.report.errors)
    assert not site.exists("images/grown.gif")


def test_an_animated_png_keeps_no_colour_under_its_transparent_pixels(site_builder, tmp_path):
    frames = []
    for colour in ((200, 0, 0), (0, 200, 0)):
        frame = Image.new("RGBA", (20, 20), (*colour, 0))  # an erased face's colours, kept under alpha 0
        frame.paste((*colour, 255), (0, 0, 10, 20))
        frames.append(frame)
    stream = io.BytesIO()
    frames[0].save(stream, "PNG", save_all=True, append_images=frames[1:], duration=100, loop=0)
    site = published_image(site_builder, tmp_path, "moving.png", stream.getvalue())
    assert not site.report.problems, site.report.problems
    with Image.open(site.output / "images" / "moving.png") as image:
        assert image.n_frames == 2
        for index in range(2):
            image.seek(index)
            assert image.convert("RGBA").getpixel((15, 10)) == (0, 0, 0, 0)
            assert image.convert("RGBA").getpixel((5, 10))[3] == 255


def test_a_16_bit_grey_png_keeps_its_transparent_grey_level(site_builder, tmp_path):
    # tRNS names a 16-bit level: compared with the 8-bit levels it named another, or none.
    image = Image.new("I;16", (20, 20), 1000)
    image.paste(Image.new("I;16", (10, 20), 40000), (0, 0))
    stream = io.BytesIO()
    image.save(stream, "PNG", transparency=1000)
    site = published_image(site_builder, tmp_path, "grey.png", stream.getvalue())
    assert not site.report.problems, site.report.problems
    with Image.open(site.output / "images" / "grey.png") as published:
        published = published.convert("RGBA")
        assert published.getpixel((15, 10))[3] == 0 and published.getpixel((5, 10)) == (156, 156, 156, 255)


def test_an_image_whose_name_says_another_format_is_named_and_not_published(site_builder, tmp_path):
    # A GIF named .png was published as GIF bytes under that name, and a server sends it as image/png.
    folder = tmp_path / "content" / "images"
    folder.mkdir(parents=True)
    frames = [Image.new("RGB", (40, 30), colour) for colour in ((200, 0, 0), (0, 0, 200))]
    frames[0].save(folder / "moving.png", "GIF", save_all=True, append_images=frames[1:], duration=200)
    frames[0].save(folder / "poster.jpg", "PNG")
    (folder / "photo.jpeg").write_bytes(photo(40, 30))
    site = site_builder(minimal_files())
    for name, found in (("moving.png", "a GIF image under a name ending in .png"),
                        ("poster.jpg", "a PNG image under a name ending in .jpg")):
        assert any(f"images/{name}" in e and found in e and "named for its format" in e
                   for e in site.report.errors), (name, site.report.errors)
        assert not site.exists(f"images/{name}")
    with Image.open(site.output / "images" / "photo.jpeg") as published:
        assert published.format == "JPEG"


def test_an_image_that_cannot_be_used_is_named_once_though_every_translation_shares_it(site_builder, tmp_path):
    (tmp_path / "outside.jpg").write_bytes(photo(40, 30))
    files = minimal_files()  # the action has a Russian and a Kazakh translation, which show the original's image
    files["actions/free-them.md"] = action_md(extra="Image: ../outside.jpg\nImage-Alt: Police detain protesters")
    site = site_builder(files)
    named = [e for e in site.report.errors if "'../outside.jpg' leads outside the content folder" in e]
    assert len(named) == 1 and named[0].startswith("images: actions/free-them.md: field 'image'"), named
    assert site.exists("ru/actions/free-them/index.html")


def test_cached_sizes_are_used_and_a_missing_variant_or_a_damaged_record_is_made_again(tmp_path):
    from images.sizes import variants

    source = tmp_path / "protest.jpg"
    source.write_bytes(photo(1400, 700))
    cache = tmp_path / "cache"
    cache.mkdir()
    first = variants(str(source), str(cache))
    assert [(v.width, v.height) for v in first] == [(320, 160), (640, 320), (960, 480), (1280, 640)]
    records = list(cache.glob("*.sizes"))
    assert len(records) == 1  # what a later build reads instead of decoding the photo again
    assert variants(str(source), str(cache)) == first
    pathlib.Path(first[1].path).unlink()
    assert variants(str(source), str(cache)) == first and pathlib.Path(first[1].path).is_file()
    records[0].write_text("[[640, ", encoding="utf-8")
    assert variants(str(source), str(cache)) == first


def test_a_sizes_record_made_with_other_widths_is_not_used(tmp_path, monkeypatch):
    """The widths are the code's, not in the image's digest: a record of the old widths gave the old srcset."""
    from images import sizes

    source = tmp_path / "protest.jpg"
    source.write_bytes(photo(2400, 1200))
    cache = tmp_path / "cache"
    cache.mkdir()
    assert [v.width for v in sizes.variants(str(source), str(cache))] == [320, 640, 960, 1280]
    monkeypatch.setattr(sizes, "WIDTHS", (320, 640, 960, 1280, 1920))
    found = sizes.variants(str(source), str(cache))
    assert [(v.width, v.height) for v in found] == [(320, 160), (640, 320), (960, 480), (1280, 640), (1920, 960)]
    assert pathlib.Path(found[-1].path).is_file()


def test_a_link_to_a_missing_image_is_named_as_missing_not_as_a_pipe_to_delete(site_builder):
    # A {static} link to a photo taken down (or misspelt) said the file was "a named pipe, socket or device"
    # and asked the author to delete it from the content folder, where it was not.
    files = minimal_files()
    files["actions/free-them.md"] = action_md(body="![The rally]({static}/images/gone.jpg)")
    site = site_builder(files)
    errors = [e for e in site.report.errors if "images/gone.jpg" in e]
    assert errors and all("named pipe" not in e and "is not in the content folder" in e for e in errors), errors
    assert site.exists("actions/free-them/index.html")
