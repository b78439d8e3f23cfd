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
  event_ko: "Minsky와 Papert의 『Perceptrons』가 한 층으로는 계산할 수 없는 것을 정리함"
  source: minsky1969
  chapter: cold-years.md
- year: 1973
  event: "The Lighthill report; Britain cuts most university AI funding"
  event_ko: "라이트힐 보고서, 영국이 대학 AI 연구비 대부분을 삭감함"
  source: lighthill1973
  chapter: cold-years.md
- year: 1986
  event: "Rumelhart, Hinton and Williams: backpropagation learns hidden features"
  event_ko: "Rumelhart, 힌튼, Williams: 오차역전파로 은닉층이 특징을 학습함"
  source: rumelhart1986
  chapter: backpropagation.md
- year: 1988
  event: "Blum and Rivest: training a 3-node network is NP-complete"
  event_ko: "Blum과 Rivest: 노드 3개짜리 신경망의 학습이 NP-완전임을 보임"
  source: blum1992
  chapter: non-convexity.md
- year: 1995
  event: "Cortes and Vapnik: support-vector networks"
  event_ko: "Cortes와 Vapnik: 서포트 벡터 네트워크"
  source: cortes1995
  chapter: svms-and-forests.md
- year: 1998
  event: "LeCun et al.: convolutional nets and SVMs compared on MNIST"
  event_ko: "르쿤 외: MNIST에서 합성곱 신경망과 SVM을 비교함"
  source: lecun1998
  chapter: svms-and-forests.md
- year: 2001
  event: "Breiman: random forests"
  event_ko: "Breiman: 랜덤 포레스트"
  source: breiman2001
  chapter: svms-and-forests.md
- year: 2019
  event: "Bengio, Hinton and LeCun receive the 2018 Turing Award for deep neural networks"
  event_ko: "벤지오, 힌튼, 르쿤이 심층 신경망에 대한 공로로 2018년 튜링상을 받음"
  source: acm2019turing
  chapter: cold-years.md
# Grown by the record (issue: the whole story, 1943 to 2017).
- year: 1943
  event: "McCulloch and Pitts: a network of threshold neurons computes logic"
  event_ko: "McCulloch과 Pitts: 문턱값 뉴런으로 이루어진 신경망이 논리를 계산함"
  source: mcculloch1943
- year: 1958
  event: "Rosenblatt: the perceptron, a neuron that learns its weights"
  event_ko: "Rosenblatt: 가중치를 스스로 학습하는 뉴런, 퍼셉트론"
  source: rosenblatt1958
- year: 1991
  event: "Hochreiter's thesis analyses vanishing and exploding gradients"
  event_ko: "Hochreiter의 학위 논문이 기울기 소실과 기울기 폭주를 분석함"
  source: hochreiter1991
  chapter: vanishing-gradients.md
- year: 1994
  event: "Bengio, Simard and Frasconi: long-term dependencies are hard for gradient descent"
  event_ko: "벤지오, Simard, Frasconi: 장기 의존성은 경사 하강법으로 학습하기 어려움"
  source: bengio1994
  chapter: vanishing-gradients.md
- year: 2006
  event: "Hinton, Osindero and Teh: deep belief nets, trained one layer at a time"
  event_ko: "힌튼, Osindero, Teh: 한 층씩 학습하는 심층 신뢰 신경망"
  source: hinton2006dbn
  chapter: deep-belief-nets.md
- year: 2009
  event: "Deng et al.: ImageNet, millions of labelled images"
  event_ko: "Deng 외: 레이블이 달린 이미지 수백만 장을 모은 이미지넷"
  source: deng2009
  chapter: imagenet.md
- year: 2010
  event: "First ImageNet challenge (ILSVRC), won by NEC-UIUC with hand-designed features"
  event_ko: "첫 이미지넷 대회(ILSVRC), 사람이 설계한 특징을 쓴 NEC-UIUC가 우승함"
  source: lin2011
  chapter: imagenet.md
- year: 2010
  event: "Glorot and Bengio: why deep sigmoid networks are hard to train"
  event_ko: "Glorot와 벤지오: 깊은 시그모이드 신경망의 학습이 어려운 이유"
  source: glorot2010
  chapter: vanishing-gradients.md
- year: 2011
  event: "Glorot, Bordes and Bengio: deep rectifier networks need no pretraining"
  event_ko: "Glorot, Bordes, 벤지오: 깊은 ReLU 신경망에는 사전학습이 필요 없음"
  source: glorot2011
  chapter: why-spring-came.md
- year: 2012
  event: "AlexNet (team SuperVision) wins ILSVRC by a wide margin"
  event_ko: "AlexNet(SuperVision 팀)이 큰 차이로 ILSVRC에서 우승함"
  source: krizhevsky2012
  chapter: alexnet.md
- year: 2014
  event: "Srivastava et al.: dropout"
  event_ko: "Srivastava 외: 드롭아웃"
  source: srivastava2014
  chapter: alexnet.md
- year: 2015
  event: "He et al.: PReLU networks go below the 5.1% human top-5 error"
  event_ko: "He 외: PReLU 신경망이 사람의 상위 5 오류율 5.1%보다 낮아짐"
  source: he2015
  chapter: resnet.md
- year: 2015
  event: "Ioffe and Szegedy: batch normalisation"
  event_ko: "Ioffe와 Szegedy: 배치 정규화"
  source: ioffe2015
  chapter: why-spring-came.md
- year: 2015
  event: "ResNet wins ILSVRC with 3.57% top-5 error"
  event_ko: "ResNet이 상위 5 오류율 3.57%로 ILSVRC에서 우승함"
  source: he2016
  chapter: resnet.md
- year: 2016
  event: "Silver et al.: AlphaGo beats a professional Go player"
  event_ko: "Silver 외: 알파고가 프로 바둑 기사를 이김"
  source: silver2016
  chapter: why-spring-came.md
- year: 2017
  event: "Zhang et al.: networks memorise random labels; generalisation is unexplained"
  event_ko: "Zhang 외: 신경망이 무작위 레이블까지 외움, 일반화는 설명되지 않은 채로 남음"
  source: zhang2017
  chapter: why-spring-came.md
- year: 2017
  event: "Last ILSVRC, won by squeeze-and-excitation networks (2.25% top-5 error)"
  event_ko: "마지막 ILSVRC, 스퀴즈-익사이테이션 신경망이 우승함(상위 5 오류율 2.25%)"
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
