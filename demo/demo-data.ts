// What `npm run demo` puts in Kafka: the topics, a realistic day of ad offers pushed through the producer
// service (mostly good, some the consumer rejects, some that time out or keep failing), and records in other
// frameworks' DLQ conventions, produced directly as Kafka Connect and Karafka would.

export interface DemoTopic {
  topic: string;
  partitions: number;
}

/** The demo's topic and group names; a test gives them a prefix of its own. */
export function demoNames(prefix = "demo.") {
  return {
    offers: { banner: `${prefix}offers.banner`, video: `${prefix}offers.video`, native: `${prefix}offers.native` },
    lag: { orders: `${prefix}orders`, payments: `${prefix}payments` },
    connectDlq: `${prefix}users-sink.dlq`,
    karafkaDlq: `${prefix}payments_dead_letter`,
    fulfilmentGroup: `${prefix}fulfilment`,
  };
}

export type DemoNames = ReturnType<typeof demoNames>;

export function demoTopics(names: DemoNames): DemoTopic[] {
  return [
    ...Object.values(names.offers).map((topic) => ({ topic, partitions: 3 })),
    { topic: names.lag.orders, partitions: 3 },
    { topic: names.lag.payments, partitions: 2 },
    { topic: names.connectDlq, partitions: 1 },
    { topic: names.karafkaDlq, partitions: 1 },
  ];
}

export interface Push {
  topic: string;
  key: string;
  num: number;
  data: unknown;
}

const ADVERTISERS = ["Northwind Travel", "Café Zoë", "Acme Outdoor", "Lumen Bank", "Kiosk Games"];
const advertiser = (i: number) => ADVERTISERS[i % ADVERTISERS.length]!;
const SIZES: [number, number][] = [
  [300, 250],
  [728, 90],
  [160, 600],
  [300, 600],
  [320, 50],
];

type OfferTopics = DemoNames["offers"];

function banner(topics: OfferTopics, i: number, overrides: object = {}): Push {
  const [width, height] = SIZES[i % SIZES.length]!;
  const offerId = `ban-${1000 + i}`;
  return {
    topic: topics.banner,
    key: offerId,
    num: 1,
    data: {
      offerId,
      advertiser: advertiser(i),
      bidCents: 40 + ((i * 37) % 300),
      width,
      height,
      imageUrl: `https://cdn.example/creatives/${offerId}.png`,
      ...overrides,
    },
  };
}

function video(topics: OfferTopics, i: number, overrides: object = {}): Push {
  const offerId = `vid-${2000 + i}`;
  return {
    topic: topics.video,
    key: offerId,
    num: 1,
    data: {
      offerId,
      advertiser: advertiser(i),
      bidCents: 400 + ((i * 53) % 900),
      durationSeconds: [6, 15, 30][i % 3],
      vastUrl: `https://ads.example/vast/${offerId}.xml`,
      ...overrides,
    },
  };
}

function native(topics: OfferTopics, i: number, overrides: object = {}): Push {
  const offerId = `nat-${3000 + i}`;
  return {
    topic: topics.native,
    key: offerId,
    num: 1,
    data: {
      offerId,
      advertiser: advertiser(i),
      bidCents: 25 + ((i * 11) % 120),
      headline: `${advertiser(i)}: ${["spring sale", "new routes", "members save 20%"][i % 3]}`,
      imageUrl: `https://cdn.example/native/${offerId}.jpg`,
      ...overrides,
    },
  };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Pushed through the producer service; the consumer decides which fail. */
export function offerPushes(t: OfferTopics): Push[] {
  return [
    ...range(40).map((i) => banner(t, i)),
    // A new creative size the first consumer release does not know: redeliver these once it is fixed.
    ...range(6).map((i) => banner(t, 100 + i, { width: 970, height: 250 })),
    ...range(3).map((i) => banner(t, 200 + i, { bidCents: 0 })),
    { ...banner(t, 300), data: '{"offerId": "ban-1300", "advertiser": "Acme Outdoor", "bidCents": 120, "width": 300,' },
    { ...banner(t, 301), num: 3 },
    ...range(2).map((i) => banner(t, 400 + i, { imageUrl: `https://img.flaky.test/${i}.png` })),
    ...range(15).map((i) => video(t, i)),
    ...range(3).map((i) => video(t, 100 + i, { durationSeconds: 95 + i * 30 })),
    ...range(2).map((i) => video(t, 200 + i, { vastUrl: `https://adserver.unresponsive.test/vast/${i}.xml` })),
    ...range(2).map((i) => video(t, 300 + i, { vastUrl: `https://adserver.unavailable.test/vast/${i}.xml` })),
    ...range(15).map((i) => native(t, i)),
    ...range(2).map((i) => native(t, 100 + i, { headline: "Limited time only: ".repeat(6) })),
    { ...native(t, 200), data: "headline=Spring sale&bid=40" },
  ];
}

export interface DirectRecord {
  key: string | null;
  value: string;
  headers: [string, string][];
}

/** A JDBC sink connector whose Avro converter met JSON: what Connect's errors.deadletterqueue writes. */
export const CONNECT_RECORDS: DirectRecord[] = range(4).map((i) => ({
  key: `user-${501 + i}`,
  value: JSON.stringify({ id: 501 + i, email: `user${501 + i}@example.com`, plan: "pro" }),
  headers: [
    ["__connect.errors.topic", "users"],
    ["__connect.errors.partition", String(i % 2)],
    ["__connect.errors.offset", String(88_410 + i)],
    ["__connect.errors.connector.name", "jdbc-sink-users"],
    ["__connect.errors.task.id", "0"],
    ["__connect.errors.stage", "VALUE_CONVERTER"],
    ["__connect.errors.class.name", "io.confluent.connect.avro.AvroConverter"],
    ["__connect.errors.exception.class.name", "org.apache.kafka.connect.errors.DataException"],
    ["__connect.errors.exception.message", "Failed to deserialize data for topic users to Avro: Unknown magic byte!"],
    [
      "__connect.errors.exception.stacktrace",
      "org.apache.kafka.connect.errors.DataException: Failed to deserialize data for topic users to Avro:\n\tat io.confluent.connect.avro.AvroConverter.toConnectData(AvroConverter.java:148)\nCaused by: org.apache.kafka.common.errors.SerializationException: Unknown magic byte!",
    ],
  ],
}));

/** A Ruby payments consumer on Karafka: its DLQ says where a record came from, never why. */
export const KARAFKA_RECORDS: DirectRecord[] = range(3).map((i) => ({
  key: `pay-${7001 + i}`,
  value: JSON.stringify({ paymentId: 7001 + i, amountCents: 1999 + i * 500, currency: "EUR" }),
  headers: [
    ["source_topic", "payments"],
    ["source_partition", "1"],
    ["source_offset", String(4_120 + i)],
    ["source_consumer_group", "payments-app"],
    ["source_attempts", "3"],
  ],
}));
