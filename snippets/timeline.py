"""The site's timeline: every event with its source, printed and checked.

The pages draw it with snippets/figures/timeline.py, in their language.
"""

import yaml

# The events live here, in this script, so that a copy of it runs anywhere; the timeline page's
# table and figure are built from these same events, and the build checks that each source is an
# entry on the references page and each chapter a page of the site.
EVENTS = """
# Events on the site's timeline. Fields: year, event, event_ko (the same event in Korean),
# source (a reference id from data/references/), chapter (optional: the page that tells the story).
- year: 1969
  event: "Minsky and Papert's Perceptrons maps what one layer cannot compute"
  event_ko: "민스키와 페퍼트의 『Perceptrons』: 한 층으로는 계산할 수 없는 것을 분석한 책"
  source: minsky1969
  chapter: cold-years.md
- year: 1973
  event: "Lighthill's report for Britain's Science Research Council judges AI research harshly"
  event_ko: "라이트힐이 영국 과학연구위원회에 낸 보고서: AI 연구에 대한 혹독한 평가"
  source: lighthill1973
  chapter: cold-years.md
- year: 1984
  event: 'A panel at the AAAI conference warns of an "AI winter" after the commercial AI boom'
  event_ko: "AAAI 학술대회의 한 패널: AI의 상업적 호황 뒤에 올 'AI 겨울'에 대한 경고"
  source: mcdermott1985
  chapter: cold-years.md
- year: 1986
  event: "Rumelhart, Hinton and Williams: backpropagation learns hidden features"
  event_ko: "러멜하트, 힌튼, 윌리엄스: 은닉층이 오차역전파로 특성을 배운다는 것을 보인 논문"
  source: rumelhart1986
  chapter: backpropagation.md
- year: 1992
  event: "Blum and Rivest, journal version: training a 3-node network is NP-complete (first presented in 1988)"
  event_ko: "블럼과 리베스트의 학술지 논문: 뉴런 3개짜리 신경망의 학습은 NP-완전(1988년에 처음 발표)"
  source: blum1992
  chapter: non-convexity.md
- year: 1995
  event: "Cortes and Vapnik: support-vector networks"
  event_ko: "코르테스와 바프닉: 서포트 벡터 네트워크"
  source: cortes1995
  chapter: svms-and-forests.md
- year: 1998
  event: "LeCun et al.: convolutional nets and SVMs compared on MNIST"
  event_ko: "르쿤 외: MNIST에서 본 합성곱 신경망과 SVM의 비교"
  source: lecun1998
  chapter: svms-and-forests.md
- year: 2001
  event: "Breiman: random forests"
  event_ko: "브라이먼: 랜덤 포레스트"
  source: breiman2001
  chapter: svms-and-forests.md
- year: 2019
  event: "Bengio, Hinton and LeCun receive the 2018 Turing Award for deep neural networks"
  event_ko: "벤지오, 힌튼, 르쿤: 심층 신경망에 대한 공로로 2018년 튜링상 수상"
  source: acm2019turing
  chapter: cold-years.md
# Grown by the record (issue: the whole story, 1943 to 2017).
- year: 1943
  event: "McCulloch and Pitts: a network of threshold neurons computes logic"
  event_ko: "매컬럭과 피츠: 임곗값 뉴런으로 논리를 계산하는 신경망"
  source: mcculloch1943
- year: 1958
  event: "Rosenblatt: the perceptron, a neuron that learns its weights"
  event_ko: "로젠블랫: 가중치를 스스로 학습하는 뉴런, 퍼셉트론"
  source: rosenblatt1958
- year: 1991
  event: "Hochreiter's thesis analyses vanishing and exploding gradients"
  event_ko: "호흐라이터의 디플롬 논문: 기울기 소실과 기울기 폭주의 분석"
  source: hochreiter1991
  chapter: vanishing-gradients.md
- year: 1994
  event: "Bengio, Simard and Frasconi: long-term dependencies are hard for gradient descent"
  event_ko: "벤지오, 시마르, 프라스코니: 경사 하강법으로 장기 의존성을 학습하기 어려운 이유"
  source: bengio1994
  chapter: vanishing-gradients.md
- year: 2006
  event: "Hinton, Osindero and Teh: deep belief nets, trained one layer at a time"
  event_ko: "힌튼, 오신데로, Teh: 한 층씩 학습하는 심층 신뢰 신경망"
  source: hinton2006dbn
  chapter: deep-belief-nets.md
- year: 2009
  event: "Deng et al.: ImageNet, millions of labelled images"
  event_ko: "Deng 외: 레이블이 달린 이미지 수백만 장을 모은 이미지넷"
  source: deng2009
  chapter: imagenet.md
- year: 2010
  event: "First ImageNet challenge (ILSVRC), won by NEC-UIUC with hand-designed features"
  event_ko: "첫 이미지넷 대회(ILSVRC): 사람이 설계한 특성을 쓴 NEC-UIUC의 우승"
  source: lin2011
  chapter: imagenet.md
- year: 2010
  event: "Glorot and Bengio: why deep sigmoid networks are hard to train"
  event_ko: "글로럿과 벤지오: 깊은 시그모이드 신경망의 학습이 어려운 이유"
  source: glorot2010
  chapter: vanishing-gradients.md
- year: 2011
  event: "Glorot, Bordes and Bengio: deep rectifier networks need no unsupervised pretraining"
  event_ko: "글로럿, 보르드, 벤지오: 비지도 사전학습이 필요 없는 깊은 ReLU 신경망"
  source: glorot2011
  chapter: why-spring-came.md
- year: 2012
  event: "AlexNet (team SuperVision) wins ILSVRC by a wide margin"
  event_ko: "AlexNet(SuperVision 팀)의 압도적인 ILSVRC 우승"
  source: krizhevsky2012
  chapter: alexnet.md
- year: 2012
  event: "Hinton et al.: dropout, then used in AlexNet's fully connected layers"
  event_ko: "힌튼 외: 드롭아웃(곧이어 AlexNet의 완전 연결층에 쓰인 기법)"
  source: hinton2012dropout
  chapter: alexnet.md
- year: 2015
  event: "He et al.: PReLU networks go below the 5.1% human top-5 error"
  event_ko: "He 외: 사람의 top-5 오류율 5.1%보다 낮아진 PReLU 신경망"
  source: he2015
  chapter: resnet.md
- year: 2015
  event: "Ioffe and Szegedy: batch normalisation"
  event_ko: "이오페와 세게디: 배치 정규화"
  source: ioffe2015
  chapter: why-spring-came.md
- year: 2015
  event: "ResNet wins ILSVRC with 3.57% top-5 error"
  event_ko: "ResNet의 ILSVRC 우승(top-5 오류율 3.57%)"
  source: he2016
  chapter: resnet.md
- year: 2015
  event: "AlphaGo beats Fan Hui, a professional Go player, 5-0 (October; published in Nature in 2016)"
  event_ko: "알파고, 프로 바둑 기사 판후이에게 5대 0 승리(10월, 2016년 『Nature』에 발표)"
  source: silver2016
  chapter: why-spring-came.md
- year: 2017
  event: "Zhang et al.: networks memorise random labels; generalisation is unexplained"
  event_ko: "Zhang 외: 무작위 레이블까지 외우는 신경망과 여전히 설명되지 않은 일반화"
  source: zhang2017
  chapter: why-spring-came.md
- year: 2017
  event: "Last ILSVRC, won by squeeze-and-excitation networks (2.25% top-5 error)"
  event_ko: "마지막 ILSVRC: SENet(squeeze-and-excitation 신경망)의 우승(top-5 오류율 2.25%)"
  source: hu2018
  chapter: imagenet.md
"""
events = sorted(yaml.safe_load(EVENTS), key=lambda e: e["year"])

for e in events:
    print(f"{e['year']}  {e['event']}  [{e['source']}]")
print(f"{len(events)} events, {events[0]['year']} to {events[-1]['year']}")

unsourced = [e["event"] for e in events if not e.get("source")]
twice = [e["event"] for i, e in enumerate(events) if e in events[:i]]
assert not unsourced, f"every event needs a source: {unsourced}"
assert not twice, f"an event is listed twice: {twice}"
