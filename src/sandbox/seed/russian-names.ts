/**
 * Russian given names, patronymics and surnames for seed customers, with the
 * transliteration used to make their e-mail addresses. Surnames are listed in
 * the masculine form; feminine forms follow the usual endings.
 */
import type { Rng } from '../prng.js';

const MALE_FIRST = [
  'Александр', 'Алексей', 'Андрей', 'Антон', 'Артём', 'Борис', 'Вадим', 'Виктор', 'Владимир',
  'Георгий', 'Григорий', 'Денис', 'Дмитрий', 'Евгений', 'Егор', 'Иван', 'Игорь', 'Илья', 'Кирилл',
  'Константин', 'Максим', 'Матвей', 'Михаил', 'Никита', 'Николай', 'Олег', 'Павел', 'Роман',
  'Сергей', 'Станислав', 'Тимофей', 'Фёдор', 'Юрий', 'Ярослав',
] as const;

const FEMALE_FIRST = [
  'Александра', 'Алина', 'Алёна', 'Анастасия', 'Анна', 'Валерия', 'Вера', 'Виктория', 'Дарья',
  'Евгения', 'Екатерина', 'Елена', 'Елизавета', 'Ирина', 'Ксения', 'Любовь', 'Маргарита', 'Марина',
  'Мария', 'Наталья', 'Ольга', 'Полина', 'Светлана', 'София', 'Татьяна', 'Ульяна', 'Юлия',
] as const;

/** Father's name -> [masculine, feminine] patronymic. */
const PATRONYMICS: readonly (readonly [string, string])[] = [
  ['Александрович', 'Александровна'], ['Алексеевич', 'Алексеевна'], ['Андреевич', 'Андреевна'],
  ['Борисович', 'Борисовна'], ['Викторович', 'Викторовна'], ['Владимирович', 'Владимировна'],
  ['Дмитриевич', 'Дмитриевна'], ['Евгеньевич', 'Евгеньевна'], ['Иванович', 'Ивановна'],
  ['Игоревич', 'Игоревна'], ['Константинович', 'Константиновна'], ['Максимович', 'Максимовна'],
  ['Михайлович', 'Михайловна'], ['Николаевич', 'Николаевна'], ['Олегович', 'Олеговна'],
  ['Павлович', 'Павловна'], ['Петрович', 'Петровна'], ['Сергеевич', 'Сергеевна'], ['Юрьевич', 'Юрьевна'],
];

const SURNAMES = [
  'Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков',
  'Фёдоров', 'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов',
  'Степанов', 'Николаев', 'Орлов', 'Андреев', 'Макаров', 'Никитин', 'Захаров', 'Зайцев', 'Соловьёв',
  'Борисов', 'Яковлев', 'Григорьев', 'Романов', 'Воробьёв', 'Сергеев', 'Кузьмин', 'Фролов',
  'Александров', 'Дмитриев', 'Королёв', 'Гусев', 'Киселёв', 'Ильин', 'Максимов', 'Поляков',
  'Сорокин', 'Виноградов', 'Ковалёв', 'Белов', 'Медведев', 'Антонов', 'Тарасов', 'Жуков', 'Баранов',
  'Филиппов', 'Комаров', 'Давыдов', 'Беляев', 'Герасимов', 'Богданов', 'Осипов', 'Сидоров',
  'Матвеев', 'Титов', 'Марков', 'Миронов', 'Крылов', 'Куликов', 'Карпов', 'Власов', 'Мельников',
  'Денисов', 'Гаврилов', 'Тихонов', 'Казаков', 'Афанасьев', 'Данилов', 'Савельев', 'Тимофеев',
  'Калинин', 'Лаптев', 'Островский', 'Вишневский', 'Дубровский', 'Шевченко', 'Бондаренко', 'Ткаченко',
] as const;

export interface RussianName {
  firstName: string;
  middleName: string;
  lastName: string;
  gender: 'male' | 'female';
}

function feminineSurname(surname: string): string {
  if (/(ов|ев|ёв|ин|ын)$/.test(surname)) return `${surname}а`;
  if (surname.endsWith('ский')) return `${surname.slice(0, -4)}ская`;
  return surname; // -енко and similar do not change
}

export function randomRussianName(rng: Rng): RussianName {
  const gender = rng.chance(0.5) ? 'male' : 'female';
  const surname = rng.pick(SURNAMES);
  const [maleMiddle, femaleMiddle] = rng.pick(PATRONYMICS);
  return gender === 'male'
    ? { gender, firstName: rng.pick(MALE_FIRST), middleName: maleMiddle, lastName: surname }
    : { gender, firstName: rng.pick(FEMALE_FIRST), middleName: femaleMiddle, lastName: feminineSurname(surname) };
}

// Passport-style transliteration (close to ICAO 9303 / Russian order 2014), enough for e-mail local parts.
const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
};

export function transliterate(text: string): string {
  return [...text.toLowerCase()].map((char) => TRANSLIT[char] ?? char).join('');
}
