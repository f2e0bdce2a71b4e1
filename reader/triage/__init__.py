"""Triage: check-worthy claims, quotes and sourcing, entity index, timeline,
related articles and article comparison. Pure core: no textual import.

Modules (import what you need; the package itself imports nothing):
- sentences: split_sentences, sentence_at -> Sentence(start, end, text)
- attribution: find_attributions -> Attribution (named or anonymous "X said")
- quotes: find_quotes -> Quote; sourcing_summary -> SourcingSummary
- claims: score_claims -> Claim; unchecked_claims, prefill_factcheck
- index: build_entity_index -> EntityIndex (cached on disk)
- timeline: build_timeline -> TimelineEntry list; Timeline.build (compact, the app's)
- related: build_similarity / SimilarityIndex.related -> RelatedArticle
- duplicates: near_duplicate_titles, duplicates_of
- worthy: WorthySpans (the check-worthy claims of every article, as spans)
- compare: compare_articles -> Comparison of CompareRow
- workspace: build_corpus_triage (thread worker), triage_article (open article)
"""
