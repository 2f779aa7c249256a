"""Name matching across scripts: Chinese names and their pinyin in both orders, surname-only
mentions, organizations by alias; other romanisations are left alone, not mismatched."""

import pytest

from talent.names import is_surname_mention, name_keys, same_name, same_organization


@pytest.mark.parametrize(
    "chinese, romanised",
    [
        ("于佳慧", "Yu Jiahui"),
        ("于佳慧", "Jiahui Yu"),
        ("于佳慧", "Jia-Hui Yu"),
        ("于佳慧", "Jia-hui Yu"),
        ("于佳慧", "Yú Jiāhuì"),  # with tones
        ("于佳慧", "JIAHUI YU"),
        ("赵盛佳", "Shengjia Zhao"),
        ("毕树超", "Bi Shuchao"),
        ("任泓宇", "Hongyu Ren"),
        ("欧阳娜娜", "Nana Ouyang"),  # a two-character surname
        ("曾国藩", "Zeng Guofan"),  # a surname read otherwise than the character usually is
        ("吕布", "Lü Bu"),
        ("吕布", "Lyu Bu"),
        ("西安平", "Xi Anping"),
    ],
)
def test_a_chinese_name_matches_its_pinyin_in_either_order(chinese, romanised):
    assert same_name(chinese, romanised)
    assert same_name(romanised, chinese)


def test_pinyin_names_in_either_order_match_each_other():
    assert same_name("Yu Jiahui", "Jiahui Yu")


@pytest.mark.parametrize(
    "chinese, other",
    [
        ("于佳慧", "Chia-hui Yu"),  # Wade-Giles
        ("陈国富", "Ch'en Kuo-fu"),  # Wade-Giles, aspirated
        ("陈大文", "Chan Tai-man"),  # Cantonese
        ("张伟", "Cheung Wai"),  # Cantonese
        ("于佳慧", "Jiahui Xu"),  # another surname
        ("于佳慧", "Jiahua Yu"),  # another given name
    ],
)
def test_other_romanisations_and_other_names_do_not_match(chinese, other):
    assert not same_name(chinese, other)


def test_wade_giles_and_western_names_have_no_pinyin_keys():
    assert name_keys("Chia-hui Yu") == set()
    assert name_keys("John Schulman") == set()
    assert name_keys("Schulman John") == set()


@pytest.mark.parametrize(
    "short, full",
    [
        ("扎克伯格", "马克·扎克伯格"),
        ("Schulman", "John Schulman"),
        ("Shulman", "John Schulman"),  # one letter off in a long surname
        ("Yu", "Jiahui Yu"),
        ("Yu", "Yu Jiahui"),  # pinyin, surname first
    ],
)
def test_a_surname_alone_is_proposed_as_the_full_name(short, full):
    assert is_surname_mention(short, full)


@pytest.mark.parametrize(
    "short, full",
    [
        ("John", "John Schulman"),  # a given name is not the surname
        ("Xu", "Jiahui Yu"),  # a short surname must match exactly
        ("于", "于佳慧"),  # a Chinese surname alone is no mention
        ("Schulman", "Schulman"),
        ("Altman", "John Schulman"),
    ],
)
def test_other_short_names_are_not_surname_mentions(short, full):
    assert not is_surname_mention(short, full)


def test_organizations_match_by_alias_and_normalised_name():
    assert same_organization(("英伟达",), ("NVIDIA",))
    assert same_organization(("Meta公司",), ("Meta",))
    assert same_organization(("OpenAI Inc.",), ("Open AI",))
    assert not same_organization(("OpenAI",), ("Anthropic",))
