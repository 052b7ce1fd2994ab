"""Images for actions, briefings and people at risk: described, resized into a srcset, lazy below the fold."""

from PIL import Image

from conftest import PEOPLE_TOML, action_md, briefing_md, minimal_files, photo


def site_with_images(site_builder, tmp_path, files):
    content = tmp_path / "content" / "images"
    content.mkdir(parents=True)
    (content / "protest.jpg").write_bytes(photo())
    (content / "portrait.png").write_bytes(photo(300, 300))
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
