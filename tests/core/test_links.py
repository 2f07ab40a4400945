"""Links as defenders paste them: copied from the apps' Share menus, the mobile sites, the
desktop clients, with their tracking parameters, one item per line with notes around them."""

import pytest

from app.core.links import canonical_link, parse_links, platform_of_link

TG, FB, IG, X, TT, YT = "telegram", "facebook", "instagram", "x", "tiktok", "youtube"


@pytest.mark.parametrize("pasted, canonical, platform", [
    # Telegram: /s/ web preview, telegram.me and .dog, ?single, the desktop app's tg:// links.
    ("https://t.me/northern_truth/1207", "https://t.me/northern_truth/1207", TG),
    ("https://t.me/s/northern_truth/1207?single", "https://t.me/northern_truth/1207", TG),
    ("t.me/Northern_Truth/1207", "https://t.me/northern_truth/1207", TG),
    ("http://telegram.me/northern_truth/1207", "https://t.me/northern_truth/1207", TG),
    ("https://telegram.dog/northern_truth/1207?utm_source=share", "https://t.me/northern_truth/1207", TG),
    ("https://t.me/c/1655091877/42", "https://t.me/c/1655091877/42", TG),
    ("https://t.me/northern_truth/1207?comment=88", "https://t.me/northern_truth/1207?comment=88", TG),
    ("tg://resolve?domain=northern_truth&post=1207", "https://t.me/northern_truth/1207", TG),
    ("https://t.me/+AbCdEf12345", "https://t.me/+AbCdEf12345", TG),  # invite codes keep their case
    ("https://t.me/joinchat/AbCdEf", "https://t.me/joinchat/AbCdEf", TG),
    # Facebook: mobile and m.basic sites, fb.com, the share dialog's tracking.
    ("https://www.facebook.com/permalink.php?story_fbid=pfbid02x&id=100089&__cft__[0]=AZW&__tn__=%2CO%2CP-R",
     "https://www.facebook.com/permalink.php?story_fbid=pfbid02x&id=100089", FB),
    ("https://m.facebook.com/story.php?story_fbid=123&id=456&mibextid=Nif5oz",
     "https://www.facebook.com/story.php?story_fbid=123&id=456", FB),
    ("https://fb.com/someone/posts/pfbid0abc?fbclid=IwAR3x", "https://www.facebook.com/someone/posts/pfbid0abc", FB),
    ("https://mbasic.facebook.com/groups/99/posts/100/?ref=share", "https://www.facebook.com/groups/99/posts/100", FB),
    ("https://web.facebook.com/photo.php?fbid=777&set=a.1&type=3&_rdr",
     "https://www.facebook.com/photo.php?fbid=777&set=a.1&type=3", FB),
    ("https://www.facebook.com/watch/?v=1234567890&rdid=xyz", "https://www.facebook.com/watch?v=1234567890", FB),
    ("https://www.facebook.com/share/p/1AbCdE/?mibextid=oFDknk", "https://www.facebook.com/share/p/1AbCdE", FB),
    ("https://fb.watch/nXyZ123/?mibextid=abc", "https://fb.watch/nXyZ123/", FB),
    # Instagram: posts, reels, the user-prefixed form, igshid/igsh.
    ("https://www.instagram.com/p/Cx1AbC-_9/?igshid=MzRlODBiNWFlZA==", "https://www.instagram.com/p/Cx1AbC-_9/", IG),
    ("https://instagram.com/reel/C2xYz/?igsh=MWZ1", "https://www.instagram.com/reel/C2xYz/", IG),
    ("https://www.instagram.com/reels/C2xYz/", "https://www.instagram.com/reel/C2xYz/", IG),
    ("https://www.instagram.com/some.user/p/Cx1AbC/", "https://www.instagram.com/p/Cx1AbC/", IG),
    ("instagram.com/some.user?utm_source=qr", "https://www.instagram.com/some.user/", IG),
    # X: twitter.com, mobile.twitter.com, ?s=20&t=..., /photo/1, /i/web/status.
    ("https://twitter.com/troll_account/status/1681234567890123456?s=20&t=AbCdEfGh",
     "https://x.com/troll_account/status/1681234567890123456", X),
    ("https://mobile.twitter.com/troll_account/status/1681234567890123456",
     "https://x.com/troll_account/status/1681234567890123456", X),
    ("x.com/troll_account/status/1681234567890123456/photo/1", "https://x.com/troll_account/status/1681234567890123456", X),
    ("https://x.com/i/web/status/1681234567890123456", "https://x.com/i/web/status/1681234567890123456", X),
    ("https://twitter.com/troll_account?lang=ar", "https://x.com/troll_account", X),
    ("https://t.co/AbC123?amp=1", "https://t.co/AbC123", X),
    # TikTok: the web app's parameters, upper case in names, short links kept.
    ("https://www.tiktok.com/@Some.User/video/7234567890123456789?is_from_webapp=1&sender_device=pc&web_id=72",
     "https://www.tiktok.com/@some.user/video/7234567890123456789", TT),
    ("https://m.tiktok.com/@some.user/video/7234567890123456789?_r=1&_t=8gZ", "https://www.tiktok.com/@some.user/video/7234567890123456789", TT),
    ("https://vm.tiktok.com/ZMabc123/", "https://vm.tiktok.com/ZMabc123/", TT),
    ("https://vt.tiktok.com/ZSabc123?_r=1", "https://vt.tiktok.com/ZSabc123/", TT),
    # YouTube: watch, youtu.be, shorts, live, embed, the mobile site, si/feature/t.
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=AbC&feature=share", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", YT),
    ("https://youtu.be/dQw4w9WgXcQ?si=Xy12&t=42", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", YT),
    ("https://m.youtube.com/watch?v=dQw4w9WgXcQ&pp=ygU", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", YT),
    ("https://youtube.com/shorts/dQw4w9WgXcQ?si=x", "https://www.youtube.com/shorts/dQw4w9WgXcQ", YT),
    ("https://www.youtube.com/live/dQw4w9WgXcQ?si=x", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", YT),
    ("https://www.youtube.com/embed/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", YT),
    ("https://www.youtube.com/@SomeChannel?si=1", "https://www.youtube.com/@SomeChannel", YT),
    # Elsewhere: only the tracking goes.
    ("https://example.org/article?id=5&utm_source=x&utm_medium=y#para", "https://example.org/article?id=5#para", ""),
    ("https://wa.me/905321112233", "https://wa.me/905321112233", "whatsapp"),
    ("https://example.org/page?print&q=%D8%AA%D9%87&utm_source=x", "https://example.org/page?print&q=%D8%AA%D9%87", ""),
    ("https://www.facebook.com/photo/?fbid=9&set=a.1&__cft__%5B0%5D=AZ", "https://www.facebook.com/photo?fbid=9&set=a.1", FB),
])
def test_real_world_links_have_one_canonical_form(pasted, canonical, platform):
    assert canonical_link(pasted) == canonical
    assert canonical_link(canonical) == canonical  # stable
    assert platform_of_link(canonical) == platform


@pytest.mark.parametrize("text", ["", "  ", "screenshot on my phone", "not a link at all", "http://[::1"])
def test_text_that_is_not_a_link_comes_back_as_it_is(text):
    assert canonical_link(text) == text.strip()


SEVEN = """Telegram report 14 March:
1. https://t.me/s/northern_truth/1207?single
2) t.me/northern_truth/1208
- https://telegram.me/Northern_Truth/1207
• https://t.me/northern_truth/1209?utm_source=share

@northern_truth
<https://t.me/northern_truth/1210>, https://t.me/northern_truth/1211.
«https://t.me/northern_truth/1212»
   https://t.me/c/1655091877/42
"""


def test_a_pasted_list_gives_each_item_once_and_names_the_other_lines():
    result = parse_links(SEVEN)
    assert [(item.line, item.url) for item in result.links] == [
        (2, "https://t.me/northern_truth/1207"), (3, "https://t.me/northern_truth/1208"),
        (5, "https://t.me/northern_truth/1209"), (8, "https://t.me/northern_truth/1210"),
        (8, "https://t.me/northern_truth/1211"), (9, "https://t.me/northern_truth/1212"),
        (10, "https://t.me/c/1655091877/42"),
    ]
    assert {item.platform for item in result.links} == {"telegram"}
    assert [(d.line, d.first_line) for d in result.duplicates] == [(4, 2)]
    assert [(n.line, n.text) for n in result.not_links] == [(1, "Telegram report 14 March:"), (7, "@northern_truth")]
    problems = result.problems()
    assert len(problems) == 3
    assert "Line 1 " in problems[0] and "Line 7 " in problems[1] and "line 2" in problems[2]


def test_the_same_post_by_every_route_is_one_item():
    result = parse_links("\n".join([
        "https://twitter.com/Troll/status/1681234567890123456?s=20",
        "https://x.com/troll/status/1681234567890123456",
        "https://mobile.twitter.com/renamed/status/1681234567890123456/photo/1",
        "https://youtu.be/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10",
        "https://www.instagram.com/p/Cx1AbC/", "https://www.instagram.com/p/cx1abc/",  # codes keep case
    ]))
    assert [item.url for item in result.links] == [
        "https://x.com/Troll/status/1681234567890123456", "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.instagram.com/p/Cx1AbC/", "https://www.instagram.com/p/cx1abc/"]
    assert [d.line for d in result.duplicates] == [2, 3, 5]


def test_mixed_platforms_arabic_notes_and_windows_line_ends():
    text = ("تهديد بالقتل https://x.com/a/status/1\r\n"
            "https://www.tiktok.com/@b/video/2\r\n\r\n"
            "https://www.facebook.com/c/posts/3\r\n"
            "رابط محذوف\r\n")
    result = parse_links(text)
    assert [(i.line, i.platform) for i in result.links] == [(1, "x"), (2, "tiktok"), (4, "facebook")]
    assert [(n.line, n.text) for n in result.not_links] == [(5, "رابط محذوف")]


def test_an_empty_paste_is_empty_and_emails_or_handles_are_not_links():
    assert parse_links("").links == []
    result = parse_links("layla@example.org\n@troll\n12345\n")
    assert result.links == [] and [n.line for n in result.not_links] == [1, 2, 3]
