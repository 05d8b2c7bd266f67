import { describe, expect, it } from 'vitest';
import { placeFieldErrors, toNamePath } from './field-errors';

// The agreement form's fields, in the order antd registers them (top of the page first).
const agreementForm = [
  ['formNumber'],
  ['buyers', 0, 'name'],
  ['buyers', 0, 'idType'],
  ['buyers', 0, 'idNumber'],
  ['buyers', 0, 'idCopyFileId'],
  ['buyers', 1, 'name'],
  ['buyers', 1, 'idNumber'],
  ['signerKind'],
  ['agent', 'name'],
  ['agent', 'idNumber'],
  ['agent', 'notarialFileId'],
  ['signedOn'],
  ['downPaymentDueOn'],
];

describe('server field errors placed on a form', () => {
  it('reads dotted and bracketed paths as antd name paths', () => {
    expect(toNamePath('buyers.0.idNumber')).toEqual(['buyers', 0, 'idNumber']);
    expect(toNamePath('buyers[1].idNumber')).toEqual(['buyers', 1, 'idNumber']);
    expect(toNamePath('roles.0.projectId')).toEqual(['roles', 0, 'projectId']);
  });

  it('marks a buyer’s ID number, a co-buyer’s and the agent’s, topmost first', () => {
    const { marked, unplaced } = placeFieldErrors(
      {
        'agent.idNumber': '代理人证件号码有误',
        'buyers.1.idNumber': '校验码不符(GB 11643)',
        'buyers[0].idNumber': '请输入证件号码',
      },
      agreementForm,
    );
    expect(marked).toEqual([
      { name: ['buyers', 0, 'idNumber'], errors: ['请输入证件号码'] },
      { name: ['buyers', 1, 'idNumber'], errors: ['校验码不符(GB 11643)'] },
      { name: ['agent', 'idNumber'], errors: ['代理人证件号码有误'] },
    ]);
    expect(unplaced).toEqual([]);
  });

  it('finds a field named inside the request body (input.buyers.0.idNumber from the schema check)', () => {
    const { marked } = placeFieldErrors({ 'input.buyers.0.idNumber': '不能为空' }, agreementForm);
    expect(marked).toEqual([{ name: ['buyers', 0, 'idNumber'], errors: ['不能为空'] }]);
  });

  it('puts an error about a group on its first field', () => {
    const { marked } = placeFieldErrors({ agent: '须有经公证的授权委托书' }, agreementForm);
    expect(marked).toEqual([{ name: ['agent', 'name'], errors: ['须有经公证的授权委托书'] }]);
  });

  it('returns as text what no field of the form can show, so the page never says "check the marked fields" with none marked', () => {
    const { marked, unplaced } = placeFieldErrors(
      { 'input.buyers.3.idNumber': '第四位买受人证件号码有误', _: '内容有误', formNumber: '没有这个编号' },
      agreementForm,
    );
    expect(marked).toEqual([{ name: ['formNumber'], errors: ['没有这个编号'] }]);
    expect(unplaced).toEqual(['第四位买受人证件号码有误', '内容有误']);
  });

  it('does not take a field whose name only begins with the same letters', () => {
    const { marked, unplaced } = placeFieldErrors({ buyer: '请选择' }, agreementForm);
    expect(marked).toEqual([]);
    expect(unplaced).toEqual(['请选择']);
  });
});

describe('server field errors: what is dropped from a path', () => {
  it('never drops a segment the form has, so a fifth buyer’s name does not land on another "name" field', () => {
    const form = [['name'], ['buyers', 0, 'name']];
    expect(placeFieldErrors({ 'buyers.4.name': '必填' }, form)).toEqual({ marked: [], unplaced: ['必填'] });
    expect(placeFieldErrors({ 'input.name': '必填' }, form).marked).toEqual([
      { name: ['name'], errors: ['必填'] },
    ]);
  });
});
